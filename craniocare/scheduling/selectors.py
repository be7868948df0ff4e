"""Reads schedules from the database: weekly hours, date overrides, time off, closed public
holidays, and the slot rules of a service (DESIGN.md §2).

Everything here turns rows into the pure engine's value objects (craniocare/scheduling/
availability.py and slots.py); the engine itself never touches the ORM. Busy time (bookings)
lives above, in the bookings app: craniocare/bookings/free_times.py adds it to `engine_inputs`
and runs the engine.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet

from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.lib.holidays import public_holidays
from craniocare.lib.intervals import Interval
from craniocare.lib.tz import local_date, local_to_utc_or_after_gap
from craniocare.scheduling.availability import DateOverride as EngineOverride
from craniocare.scheduling.availability import Schedule, WeeklyHours
from craniocare.scheduling.hooks import Proposal
from craniocare.scheduling.models import (
    DateOverride,
    HolidayOpening,
    Practitioner,
    TimeOff,
    WorkingHours,
)
from craniocare.scheduling.slots import SlotRules

__all__ = [
    "EngineInput",
    "EngineInputs",
    "build_schedule",
    "closed_holidays",
    "day_range_instants",
    "engine_inputs",
    "rules_for",
    "schedule_for",
    "schedules_before_and_after",
    "shortest_service_of",
    "time_off_intervals",
]

# Busy and time-off rows are read this far beyond the instants a day range covers, so that any
# booking whose blocked range (buffers included) could touch a slot of the range is seen.
_MARGIN = timedelta(days=1)


def rules_for(service: Service) -> SlotRules:
    """The slot rules of a service: duration, step, buffers, notice and booking window."""
    return SlotRules(
        duration=timedelta(minutes=service.duration_minutes),
        step=timedelta(minutes=service.slot_step_minutes),
        buffer_before=timedelta(minutes=service.buffer_before_minutes),
        buffer_after=timedelta(minutes=service.buffer_after_minutes),
        min_notice=timedelta(minutes=service.min_notice_minutes),
        window=timedelta(days=service.booking_window_days),
    )


def shortest_service_of(practitioner: Practitioner) -> Service | None:
    """The practitioner's shortest active service: what the office's free times are shown for
    (a gap that holds it may hold nothing longer; a shorter gap holds no session at all)."""
    return (
        Service.objects.active()
        .filter(practitioners=practitioner)
        .order_by("duration_minutes", "position", "pk")
        .first()
    )


def _closed_holidays_by_practitioner(
    practitioner_ids: Sequence[int], first_day: date, last_day: date
) -> dict[int, dict[date, str]]:
    """Public holidays of the practice's region in first_day..last_day that each practitioner
    has not opened (date -> name). One query, and none when the range holds no holiday."""
    found = public_holidays(PracticeProfile.load().holiday_region, first_day, last_day)
    if not found:
        return {pk: {} for pk in practitioner_ids}
    opened = set(
        HolidayOpening.objects.filter(
            practitioner_id__in=practitioner_ids, date__in=list(found)
        ).values_list("practitioner_id", "date")
    )
    return {
        pk: {day: name for day, name in found.items() if (pk, day) not in opened}
        for pk in practitioner_ids
    }


def closed_holidays(practitioner: Practitioner, first_day: date, last_day: date) -> dict[date, str]:
    """The public holidays first_day..last_day (the practitioner's local dates) closed for her:
    the practice region's holidays she has not opened, date -> name."""
    return _closed_holidays_by_practitioner([practitioner.pk], first_day, last_day)[practitioner.pk]


def build_schedule(
    *,
    zone: ZoneInfo,
    weekly: Iterable[WeeklyHours],
    overrides: Iterable[EngineOverride],
    closed_days: Iterable[date] = (),
) -> Schedule:
    """The engine's schedule; a closed holiday is a closed date override, unless the date has
    an override of its own (the practitioner's explicit hours win)."""
    engine_overrides = list(overrides)
    overridden = {o.day for o in engine_overrides}
    engine_overrides += [EngineOverride(day, ()) for day in closed_days if day not in overridden]
    return Schedule(zone=zone, weekly=tuple(weekly), overrides=tuple(engine_overrides))


def schedules_before_and_after(
    practitioner: Practitioner, proposal: Proposal, first: date, last: date
) -> tuple[Schedule, Schedule]:
    """(the schedule as it is, the schedule if `proposal` were saved) for the practitioner's
    local dates first..last, closed public holidays included."""
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
        overrides: dict[date, tuple[tuple[time, time], ...]],
        closed: set[date],
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


def _schedule(
    practitioner: Practitioner,
    weekly: Iterable[WorkingHours],
    overrides: Iterable[DateOverride],
    closed_days: Iterable[date] = (),
) -> Schedule:
    """The engine's schedule from the practitioner's rows (see `build_schedule`)."""
    return build_schedule(
        zone=ZoneInfo(practitioner.time_zone),
        weekly=(WeeklyHours(w.weekday, w.start, w.end) for w in weekly),
        overrides=(EngineOverride(o.date, o.parsed_intervals()) for o in overrides),
        closed_days=closed_days,
    )


def schedule_for(practitioner: Practitioner, first_day: date, last_day: date) -> Schedule:
    """The practitioner's weekly hours, and the date overrides and closed public holidays of
    the local dates first_day..last_day."""
    overrides = DateOverride.objects.filter(
        practitioner=practitioner, date__gte=first_day, date__lte=last_day
    )
    return _schedule(
        practitioner,
        WorkingHours.objects.filter(practitioner=practitioner),
        overrides,
        closed_holidays(practitioner, first_day, last_day),
    )


def _time_off_by_practitioner(
    practitioner_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, list[Interval]]:
    rows = TimeOff.objects.filter(
        practitioner_id__in=practitioner_ids, start__lt=end, end__gt=start
    ).order_by("start")
    result: dict[int, list[Interval]] = defaultdict(list)
    for practitioner_id, off_start, off_end in rows.values_list("practitioner_id", "start", "end"):
        result[practitioner_id].append(Interval(off_start, off_end))
    return result


def time_off_intervals(
    practitioner: Practitioner, start: datetime, end: datetime
) -> list[Interval]:
    """The practitioner's time off meeting [start, end), sorted; one query."""
    return _time_off_by_practitioner([practitioner.pk], start, end).get(practitioner.pk, [])


def day_range_instants(first_day: date, last_day: date, zone: tzinfo) -> Interval:
    """The instants of the local dates first_day..last_day (inclusive) on a clock in `zone`.

    Midnight inside a DST gap (a few zones change at 00:00) means the first instant of the date.
    """
    start = local_to_utc_or_after_gap(first_day, time(0), zone)
    end = local_to_utc_or_after_gap(last_day + timedelta(days=1), time(0), zone)
    return Interval(start, end)


@dataclass(frozen=True, slots=True)
class EngineInput:
    """One practitioner's engine inputs (all but busy time) for a range of the viewer's dates."""

    practitioner: Practitioner
    schedule: Schedule
    first_day: date  # the practitioner's local dates covering the viewer's range
    last_day: date
    time_off: list[Interval]


@dataclass(frozen=True, slots=True)
class EngineInputs:
    """The engine inputs of a range of the viewer's dates, for some practitioners."""

    viewer_range: Interval  # the instants of the viewer's dates
    read_range: Interval  # where time off was read, and busy time must be read
    people: list[EngineInput]  # in the order of the candidates


def engine_inputs(
    candidates: QuerySet[Practitioner], first_day: date, last_day: date, tz: tzinfo
) -> EngineInputs:
    """The instants of the dates first_day..last_day in zone `tz` (the viewer's), and the engine
    inputs of each practitioner in `candidates`, in their order: everything the engine needs
    but busy time, which the bookings app adds (craniocare/bookings/free_times.py).

    Queries: practitioners with their hours and overrides (3), time off (1), opened holidays
    (1, only when the range holds a holiday), whatever the number of practitioners. Public
    holidays of the practice's region are closed unless the practitioner opened them (or set
    that date's hours).
    """
    viewer_range = day_range_instants(first_day, last_day, tz)
    read_range = Interval(viewer_range.start - _MARGIN, viewer_range.end + _MARGIN)
    # Practitioner-local dates covering the viewer's range (zones differ by up to 26 hours).
    widest_first = first_day - timedelta(days=2)
    widest_last = last_day + timedelta(days=2)
    people = list(
        candidates.prefetch_related(
            "working_hours",
            Prefetch(
                "date_overrides",
                queryset=DateOverride.objects.filter(date__gte=widest_first, date__lte=widest_last),
            ),
        )
    )
    if not people:
        return EngineInputs(viewer_range, read_range, [])
    ids = [p.pk for p in people]
    time_off = _time_off_by_practitioner(ids, read_range.start, read_range.end)
    holidays = _closed_holidays_by_practitioner(ids, widest_first, widest_last)
    inputs = []
    for person in people:
        schedule = _schedule(
            person, person.working_hours.all(), person.date_overrides.all(), holidays[person.pk]
        )
        inputs.append(
            EngineInput(
                practitioner=person,
                schedule=schedule,
                first_day=local_date(viewer_range.start, schedule.zone),
                last_day=local_date(viewer_range.end - timedelta(microseconds=1), schedule.zone),
                time_off=time_off.get(person.pk, []),
            )
        )
    return EngineInputs(viewer_range, read_range, inputs)
