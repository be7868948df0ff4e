"""What the availability screen shows besides its forms: the coming days' hours and open start
times, and the public holidays of the year ahead. Open times and booking counts come from the
bookings app through craniocare/scheduling/hooks.py (scheduling may not import bookings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.lib.holidays import public_holidays
from craniocare.lib.tz import local_date

from .availability import working_intervals
from .hooks import booked_time
from .models import DateOverride, Practitioner
from .selectors import closed_holidays, day_range_instants, schedule_for, shortest_service_of


@dataclass(frozen=True)
class PreviewDay:
    day: dt.date
    hours: list[tuple[dt.time, dt.time]]
    open_times: list[dt.datetime]
    holiday: str = ""  # the name of a public holiday closed that day


def availability_preview(
    *, practitioner: Practitioner, first_day: dt.date, days: int, now: dt.datetime
) -> tuple[Service | None, list[PreviewDay]]:
    """Working hours and open start times (of the practitioner's shortest active service) for
    `days` dates from `first_day`, in the practitioner's zone."""
    zone = ZoneInfo(practitioner.time_zone)
    last_day = first_day + dt.timedelta(days=days - 1)
    service = shortest_service_of(practitioner)
    opens: dict[dt.date, list[dt.datetime]] = {}
    if service is not None:
        starts = booked_time().open_starts(
            practitioner=practitioner,
            service=service,
            first_day=first_day,
            last_day=last_day,
            now=now,
        )
        for start in starts:
            local = start.astimezone(zone)
            opens.setdefault(local.date(), []).append(local)
    hours: dict[dt.date, list[tuple[dt.time, dt.time]]] = {}
    schedule = schedule_for(practitioner, first_day, last_day)
    holidays = closed_holidays(practitioner, first_day, last_day)
    for w in working_intervals(schedule, first_day, last_day):
        hours.setdefault(w.day, []).append((w.local_start, w.local_end))
    result = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        result.append(
            PreviewDay(
                day=day,
                hours=hours.get(day, []),
                open_times=opens.get(day, []),
                holiday=holidays.get(day, ""),
            )
        )
    return service, result


@dataclass(frozen=True)
class HolidayDay:
    """One public holiday of the practice's region, as the practitioner's Availability lists it."""

    day: dt.date
    name: str
    opened: bool  # she works it (weekly hours) after all
    own_hours: bool  # a date override of hers sets that date's hours, whatever the holiday
    bookings: int  # confirmed bookings with her that day


def upcoming_holidays(
    *, practitioner: Practitioner, first_day: dt.date, days: int = 365
) -> list[HolidayDay]:
    """The practice region's public holidays of the `days` dates from `first_day`."""
    last_day = first_day + dt.timedelta(days=days - 1)
    found = public_holidays(PracticeProfile.load().holiday_region, first_day, last_day)
    if not found:
        return []
    closed = closed_holidays(practitioner, first_day, last_day)
    own = set(
        DateOverride.objects.filter(practitioner=practitioner, date__in=list(found)).values_list(
            "date", flat=True
        )
    )
    zone = ZoneInfo(practitioner.time_zone)
    span = day_range_instants(first_day, last_day, zone)
    booked: dict[dt.date, int] = {}
    for start in booked_time().confirmed_starts(
        practitioner=practitioner, start=span.start, end=span.end
    ):
        local = local_date(start, zone)
        if local in found:
            booked[local] = booked.get(local, 0) + 1
    return [
        HolidayDay(
            day=day,
            name=name,
            opened=day not in closed,
            own_hours=day in own,
            bookings=booked.get(day, 0),
        )
        for day, name in sorted(found.items())
    ]
