"""Reads for the availability screen: which confirmed bookings a proposed change would leave
outside working time, a preview of the coming weeks' open times, and the public holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from craniocare.bookings.models import Booking, Status
from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.lib.holidays import public_holidays
from craniocare.lib.tz import local_date
from craniocare.scheduling.availability import DateOverride as EngineOverride
from craniocare.scheduling.availability import (
    Schedule,
    WeeklyHours,
    WorkingInterval,
    working_intervals,
)
from craniocare.scheduling.models import DateOverride, Practitioner, TimeOff, WorkingHours
from craniocare.scheduling.selectors import (
    build_schedule,
    closed_holidays,
    day_range_instants,
    open_slots,
    schedule_for,
    shortest_service_of,
)

Intervals = Sequence[tuple[dt.time, dt.time]]


@dataclass
class Proposal:
    """A change to a practitioner's availability, as the office is about to save it."""

    weekly: dict[int, Intervals] | None = None  # the whole week, replacing today's hours
    override_day: dt.date | None = None  # a date whose override is set (or removed)
    override_intervals: Intervals | None = None  # None: the override is removed
    time_off: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)  # added
    holiday_closed: dt.date | None = None  # an opened public holiday that closes again


def _schedules(
    practitioner: Practitioner, proposal: Proposal, first: dt.date, last: dt.date
) -> tuple[Schedule, Schedule]:
    """(the schedule as it is, the schedule if `proposal` were saved) for first..last."""
    zone = ZoneInfo(practitioner.time_zone)
    weekly_now = tuple(
        WeeklyHours(w.weekday, w.start, w.end)
        for w in WorkingHours.objects.filter(practitioner=practitioner)
    )
    weekly_then = weekly_now
    if proposal.weekly is not None:
        weekly_then = tuple(
            WeeklyHours(day, start, end)
            for day, spans in proposal.weekly.items()
            for start, end in spans
        )
    overrides_now = {
        o.date: o.parsed_intervals()
        for o in DateOverride.objects.filter(
            practitioner=practitioner, date__gte=first, date__lte=last
        )
    }
    holidays = set(closed_holidays(practitioner, first, last))
    overrides_then = dict(overrides_now)
    if proposal.override_day is not None:
        if proposal.override_intervals is None:
            overrides_then.pop(proposal.override_day, None)
        else:
            overrides_then[proposal.override_day] = tuple(sorted(proposal.override_intervals))

    def schedule(
        weekly: tuple[WeeklyHours, ...],
        overrides: dict[dt.date, tuple[tuple[dt.time, dt.time], ...]],
        closed: set[dt.date],
    ) -> Schedule:
        return build_schedule(
            zone=zone,
            weekly=weekly,
            overrides=(EngineOverride(day, spans) for day, spans in overrides.items()),
            closed_days=closed,
        )

    closed_then = holidays | ({proposal.holiday_closed} if proposal.holiday_closed else set())
    return (
        schedule(weekly_now, overrides_now, holidays),
        schedule(weekly_then, overrides_then, closed_then),
    )


def stranded_bookings(
    *, practitioner: Practitioner, proposal: Proposal, now: dt.datetime
) -> list[Booking]:
    """Confirmed bookings from `now` on that sit inside working time today and would no longer
    (or would sit in time off) if `proposal` were saved.

    A booking already outside working time (booked by the office out of hours, or on a public
    holiday before it was closed) was kept on purpose, so an unrelated change does not list it.
    """
    upcoming = list(
        Booking.objects.filter(practitioner=practitioner, status=Status.CONFIRMED, end__gt=now)
        .select_related("client", "service")
        .order_by("start")
    )
    if not upcoming:
        return []
    zone = ZoneInfo(practitioner.time_zone)
    first = local_date(upcoming[0].start, zone)
    last = local_date(max(b.end for b in upcoming), zone)
    current, proposed = _schedules(practitioner, proposal, first, last)
    away = [
        (t.start, t.end) for t in TimeOff.objects.filter(practitioner=practitioner, end__gt=now)
    ]
    working_now = working_intervals(current, first, last)
    working_then = working_intervals(proposed, first, last)
    away_then = away + list(proposal.time_off)
    return [
        b for b in upcoming if _fits(b, working_now, away) and not _fits(b, working_then, away_then)
    ]


def _fits(
    booking: Booking,
    working: Iterable[WorkingInterval],
    away: Iterable[tuple[dt.datetime, dt.datetime]],
) -> bool:
    inside = any(w.start <= booking.start and booking.end <= w.end for w in working)
    return inside and not any(start < booking.end and booking.start < end for start, end in away)


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
        slots = open_slots(
            service=service,
            practitioner=practitioner,
            first_day=first_day,
            last_day=last_day,
            tz=zone,
            now=now,
        )
        for slot, _ in slots:
            local = slot.start.astimezone(zone)
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
    for start in Booking.objects.filter(
        practitioner=practitioner,
        status=Status.CONFIRMED,
        start__gte=span.start,
        start__lt=span.end,
    ).values_list("start", flat=True):
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
