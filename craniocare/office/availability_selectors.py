"""Reads for the availability screen: which confirmed bookings a proposed change would leave
outside working time, and a preview of the coming weeks' open times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from craniocare.bookings.models import Booking, Status
from craniocare.catalog.models import Service
from craniocare.lib.tz import local_date
from craniocare.scheduling.availability import DateOverride as EngineOverride
from craniocare.scheduling.availability import (
    Schedule,
    WeeklyHours,
    WorkingInterval,
    working_intervals,
)
from craniocare.scheduling.models import DateOverride, Practitioner, TimeOff, WorkingHours
from craniocare.scheduling.selectors import open_slots

Intervals = Sequence[tuple[dt.time, dt.time]]


@dataclass
class Proposal:
    """A change to a practitioner's availability, as the office is about to save it."""

    weekly: dict[int, Intervals] | None = None  # the whole week, replacing today's hours
    override_day: dt.date | None = None  # a date whose override is set (or removed)
    override_intervals: Intervals | None = None  # None: the override is removed
    time_off: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)  # added


def stranded_bookings(
    *, practitioner: Practitioner, proposal: Proposal, now: dt.datetime
) -> list[Booking]:
    """Confirmed bookings from `now` on that would no longer sit inside working time (or would
    sit in time off) if `proposal` were saved."""
    upcoming = list(
        Booking.objects.filter(practitioner=practitioner, status=Status.CONFIRMED, end__gt=now)
        .select_related("client", "service")
        .order_by("start")
    )
    if not upcoming:
        return []
    zone = ZoneInfo(practitioner.time_zone)
    if proposal.weekly is not None:
        weekly = tuple(
            WeeklyHours(day, start, end)
            for day, spans in proposal.weekly.items()
            for start, end in spans
        )
    else:
        weekly = tuple(
            WeeklyHours(w.weekday, w.start, w.end)
            for w in WorkingHours.objects.filter(practitioner=practitioner)
        )
    overrides = {
        o.date: o.parsed_intervals()
        for o in DateOverride.objects.filter(
            practitioner=practitioner, date__gte=now.date() - dt.timedelta(days=1)
        )
    }
    if proposal.override_day is not None:
        if proposal.override_intervals is None:
            overrides.pop(proposal.override_day, None)
        else:
            overrides[proposal.override_day] = tuple(sorted(proposal.override_intervals))
    schedule = Schedule(
        zone=zone,
        weekly=weekly,
        overrides=tuple(EngineOverride(day, spans) for day, spans in overrides.items()),
    )
    away = [
        (t.start, t.end) for t in TimeOff.objects.filter(practitioner=practitioner, end__gt=now)
    ] + list(proposal.time_off)
    first = local_date(upcoming[0].start, zone)
    last = local_date(upcoming[-1].end, zone)
    working = working_intervals(schedule, first, last)
    return [b for b in upcoming if not _fits(b, working, away)]


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


def availability_preview(
    *, practitioner: Practitioner, first_day: dt.date, days: int, now: dt.datetime
) -> tuple[Service | None, list[PreviewDay]]:
    """Working hours and open start times (of the practitioner's shortest active service) for
    `days` dates from `first_day`, in the practitioner's zone."""
    zone = ZoneInfo(practitioner.time_zone)
    last_day = first_day + dt.timedelta(days=days - 1)
    service = (
        Service.objects.active()
        .filter(practitioners=practitioner)
        .order_by("duration_minutes", "position", "pk")
        .first()
    )
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
    schedule = Schedule(
        zone=zone,
        weekly=tuple(
            WeeklyHours(w.weekday, w.start, w.end)
            for w in WorkingHours.objects.filter(practitioner=practitioner)
        ),
        overrides=tuple(
            EngineOverride(o.date, o.parsed_intervals())
            for o in DateOverride.objects.filter(
                practitioner=practitioner, date__gte=first_day, date__lte=last_day
            )
        ),
    )
    for w in working_intervals(schedule, first_day, last_day):
        hours.setdefault(w.day, []).append((w.local_start, w.local_end))
    result = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        result.append(PreviewDay(day=day, hours=hours.get(day, []), open_times=opens.get(day, [])))
    return service, result
