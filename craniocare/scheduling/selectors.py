"""The one place that reads busy time and schedules from the database (DESIGN.md §2).

Everything here turns rows into the pure engine's value objects (craniocare/scheduling/
availability.py and slots.py) and back; the engine itself never touches the ORM.
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
from craniocare.lib.tz import local_date, local_to_utc_or_after_gap, to_utc
from craniocare.scheduling.availability import DateOverride as EngineOverride
from craniocare.scheduling.availability import Schedule, WeeklyHours
from craniocare.scheduling.models import (
    DateOverride,
    HolidayOpening,
    Practitioner,
    TimeOff,
    WorkingHours,
)
from craniocare.scheduling.slots import Slot, SlotRules, available_slots, office_slots

__all__ = [
    "build_schedule",
    "busy_intervals",
    "closed_holidays",
    "day_range_instants",
    "office_open_slots",
    "open_slots",
    "rules_for",
    "schedule_for",
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


def _busy_by_practitioner(
    practitioner_ids: Sequence[int],
    start: datetime,
    end: datetime,
    exclude_booking_id: int | None = None,
) -> dict[int, list[Interval]]:
    """Blocked ranges of active bookings meeting [start, end), per practitioner: one query."""
    from craniocare.bookings.models import Booking  # bookings depends on scheduling, not back

    rows = (
        Booking.objects.active()
        .filter(practitioner_id__in=practitioner_ids)
        .overlapping(start, end)
        .order_by("blocked_start")
    )
    if exclude_booking_id is not None:
        rows = rows.exclude(pk=exclude_booking_id)
    busy: dict[int, list[Interval]] = defaultdict(list)
    for practitioner_id, blocked_start, blocked_end in rows.values_list(
        "practitioner_id", "blocked_start", "blocked_end"
    ):
        busy[practitioner_id].append(Interval(blocked_start, blocked_end))
    return busy


def busy_intervals(
    practitioner: Practitioner,
    start: datetime,
    end: datetime,
    *,
    exclude_booking_id: int | None = None,
) -> list[Interval]:
    """Blocked ranges (buffers included) of the practitioner's active bookings meeting
    [start, end), sorted; one query. `exclude_booking_id` leaves one booking out (rescheduling).
    """
    return _busy_by_practitioner([practitioner.pk], start, end, exclude_booking_id).get(
        practitioner.pk, []
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
class _EngineInput:
    """One practitioner's engine inputs for a range of the viewer's dates."""

    practitioner: Practitioner
    schedule: Schedule
    first_day: date  # the practitioner's local dates covering the viewer's range
    last_day: date
    time_off: list[Interval]
    busy: list[Interval]


def _engine_inputs(
    candidates: QuerySet[Practitioner],
    first_day: date,
    last_day: date,
    tz: tzinfo,
    exclude_booking_id: int | None = None,
) -> tuple[Interval, list[_EngineInput]]:
    """The instants of the dates first_day..last_day in zone `tz` (the viewer's), and the engine
    inputs of each practitioner in `candidates`, in their order.

    Queries: practitioners with their hours and overrides (3), time off (1), busy time (1),
    opened holidays (1, only when the range holds a holiday), whatever the number of
    practitioners. Public holidays of the practice's region are closed unless the practitioner
    opened them (or set that date's hours). `exclude_booking_id` leaves one booking out of the
    busy time (the one being rescheduled).
    """
    viewer_range = day_range_instants(first_day, last_day, tz)
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
        return viewer_range, []
    ids = [p.pk for p in people]
    read_from = viewer_range.start - _MARGIN
    read_to = viewer_range.end + _MARGIN
    busy = _busy_by_practitioner(ids, read_from, read_to, exclude_booking_id)
    time_off = _time_off_by_practitioner(ids, read_from, read_to)
    holidays = _closed_holidays_by_practitioner(ids, widest_first, widest_last)
    inputs = []
    for person in people:
        schedule = _schedule(
            person, person.working_hours.all(), person.date_overrides.all(), holidays[person.pk]
        )
        inputs.append(
            _EngineInput(
                practitioner=person,
                schedule=schedule,
                first_day=local_date(viewer_range.start, schedule.zone),
                last_day=local_date(viewer_range.end - timedelta(microseconds=1), schedule.zone),
                time_off=time_off.get(person.pk, []),
                busy=busy.get(person.pk, []),
            )
        )
    return viewer_range, inputs


def open_slots(
    *,
    service: Service,
    practitioner: Practitioner | None = None,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    now: datetime,
) -> list[tuple[Slot, Practitioner]]:
    """Open slots of `service` whose start falls on the dates first_day..last_day in zone `tz`
    (the visitor's zone), for `practitioner` or every active practitioner offering the service.

    Sorted by start, then practitioner order. A practitioner who does not offer the service (or
    is inactive) has no slots. The online engine: notice and booking window apply.
    """
    candidates = Practitioner.objects.offering(service)
    if practitioner is not None:
        candidates = candidates.filter(pk=practitioner.pk)
    visitor_range, inputs = _engine_inputs(candidates, first_day, last_day, tz)
    rules = rules_for(service)
    found: list[tuple[Slot, int, Practitioner]] = []
    for rank, given in enumerate(inputs):
        slots = available_slots(
            schedule=given.schedule,
            rules=rules,
            first_day=given.first_day,
            last_day=given.last_day,
            now=to_utc(now),
            time_off=given.time_off,
            busy=given.busy,
        )
        found.extend(
            (slot, rank, given.practitioner)
            for slot in slots
            if visitor_range.start <= slot.start < visitor_range.end
        )
    found.sort(key=lambda item: (item[0].start, item[1]))
    return [(slot, person) for slot, _, person in found]


def office_open_slots(
    *,
    practitioner: Practitioner,
    rules: SlotRules,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    now: datetime,
    exclude_booking_id: int | None = None,
) -> list[Slot]:
    """The back office's free slots for `practitioner` whose start falls on the dates
    first_day..last_day in zone `tz`, from `now` on, sorted: the same inputs as `open_slots`,
    through the engine's office variant (no notice, no booking window, never an overlap).

    `rules` need not be a service's: the calendar asks for free half hours. Whether the
    practitioner is active or offers a service does not matter here; the office decides.
    """
    candidates = Practitioner.objects.filter(pk=practitioner.pk)
    viewer_range, inputs = _engine_inputs(
        candidates, first_day, last_day, tz, exclude_booking_id=exclude_booking_id
    )
    return [
        slot
        for given in inputs
        for slot in office_slots(
            schedule=given.schedule,
            rules=rules,
            first_day=given.first_day,
            last_day=given.last_day,
            now=now,
            time_off=given.time_off,
            busy=given.busy,
        )
        if viewer_range.start <= slot.start < viewer_range.end
    ]
