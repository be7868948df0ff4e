"""Working intervals - time off - busy time -> bookable slots (pure, no ORM, `now` passed in).

The pipeline (see ENGINE_CONTRACT.md): build the dates' working intervals in UTC, cut time off
out of each with a moving pointer, step through candidate starts in local wall-clock time from
each interval's local start, and drop candidates whose blocked range (session plus buffers)
touches busy time, found by bisection. Cost: O((n + m) log(n + m)) plus one step per candidate.

Two variants share that pipeline: `available_slots` (online: notice and booking window apply)
and `office_slots` (the back office: any start from `now` on, never an overlap).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from operator import attrgetter

from craniocare.lib.intervals import Interval
from craniocare.lib.tz import UTC, local_date, local_to_utc, to_utc
from craniocare.scheduling.availability import Schedule, WorkingInterval, working_intervals

__all__ = ["Slot", "SlotRules", "available_slots", "blocked_range", "is_offered", "office_slots"]

ONE_DAY = timedelta(days=1)
ZERO = timedelta(0)
TICK = timedelta(microseconds=1)  # the resolution of datetime
END_OF_TIME = datetime.max.replace(tzinfo=UTC)  # the office variant's "no booking window"
_by_start = attrgetter("start")


@dataclass(frozen=True, slots=True)
class SlotRules:
    """How a service is offered: its length, the step grid, buffers, notice and window."""

    duration: timedelta
    step: timedelta
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)
    min_notice: timedelta = timedelta(0)
    window: timedelta = timedelta(days=180)  # rolling, from `now`

    def __post_init__(self) -> None:
        if self.duration <= ZERO:
            raise ValueError("duration must be positive")
        if self.step <= ZERO:
            raise ValueError("step must be positive")
        if self.buffer_before < ZERO or self.buffer_after < ZERO:
            raise ValueError("buffers cannot be negative")


@dataclass(frozen=True, slots=True, order=True)
class Slot:
    """A bookable session: ``[start, end)`` in UTC."""

    start: datetime  # aware UTC
    end: datetime  # start + duration


def blocked_range(start: datetime, rules: SlotRules) -> Interval:
    """[start - buffer_before, start + duration + buffer_after): what a booking occupies."""
    return Interval(start - rules.buffer_before, start + rules.duration + rules.buffer_after)


def available_slots(
    *,
    schedule: Schedule,
    rules: SlotRules,
    first_day: date,
    last_day: date,
    now: datetime,
    time_off: Sequence[Interval] = (),
    busy: Sequence[Interval] = (),
) -> list[Slot]:
    """Slots whose local start date (in schedule.zone) lies in [first_day, last_day], sorted."""
    earliest, latest = _bounds(now, rules)
    zone = schedule.zone
    # Dates wholly before the notice or after the window cannot hold a slot; one day of slack
    # either side covers zones whose clocks fall back across midnight.
    first_day = max(first_day, local_date(earliest, zone) - ONE_DAY)
    last_day = min(last_day, local_date(latest, zone) + ONE_DAY)
    if first_day > last_day:
        return []
    working = working_intervals(schedule, first_day, last_day)
    return _slots(working, rules, schedule, earliest, latest, time_off, busy)


def office_slots(
    *,
    schedule: Schedule,
    rules: SlotRules,
    first_day: date,
    last_day: date,
    now: datetime,
    time_off: Sequence[Interval] = (),
    busy: Sequence[Interval] = (),
) -> list[Slot]:
    """The back office's slots: as `available_slots`, but any start from `now` on.

    The rules' notice and booking window are ignored (the office books a client in for this
    afternoon or next year); working hours, overrides, time off, the step grid and the blocked
    range against busy time apply exactly as online, so every online slot is an office slot.
    """
    working = working_intervals(schedule, first_day, last_day)
    return _slots(working, rules, schedule, to_utc(now), END_OF_TIME, time_off, busy)


def is_offered(
    start: datetime,
    *,
    schedule: Schedule,
    rules: SlotRules,
    now: datetime,
    time_off: Sequence[Interval] = (),
    busy: Sequence[Interval] = (),
) -> bool:
    """True when `start` is exactly one of the slots available_slots would offer.

    A slot always comes from a working interval of its own local date that contains it, so only
    that date is built, and only the interval around ``start`` is stepped through.
    """
    instant = to_utc(start)
    earliest, latest = _bounds(now, rules)
    if not earliest <= instant <= latest:
        return False
    day = local_date(instant, schedule.zone)
    working = [w for w in working_intervals(schedule, day, day) if w.start <= instant < w.end]
    slots = _slots(working, rules, schedule, earliest, latest, time_off, busy)
    return any(slot.start == instant for slot in slots)


def _bounds(now: datetime, rules: SlotRules) -> tuple[datetime, datetime]:
    """The earliest and latest start allowed by the notice and the rolling window."""
    now = to_utc(now)
    return now + rules.min_notice, now + rules.window


def _slots(
    working: Sequence[WorkingInterval],
    rules: SlotRules,
    schedule: Schedule,
    earliest: datetime,
    latest: datetime,
    time_off: Iterable[Interval],
    busy: Iterable[Interval],
) -> list[Slot]:
    """The slots of ``working`` (sorted by start) that survive time off, busy time and bounds."""
    if not working:
        return []
    span_start = working[0].start - rules.buffer_before
    span_end = max(w.end for w in working) + rules.buffer_after
    hole_starts, hole_ends = _merged_utc(time_off, span_start, span_end)
    busy_starts, busy_ends = _merged_utc(busy, span_start, span_end)
    duration, before = rules.duration, rules.buffer_before
    reach = rules.duration + rules.buffer_after  # from a start to the end of its blocked range
    busy_count = len(busy_starts)
    slots: list[Slot] = []
    first_hole = 0
    for w in working:
        while first_hole < len(hole_ends) and hole_ends[first_hole] <= w.start:
            first_hole += 1
        for free_start, free_end in _free_parts(w, hole_starts, hole_ends, first_hole):
            low = max(free_start, earliest)
            high = min(free_end - duration, latest)
            for start in _starts(w, rules.step, low, high, schedule.zone):
                # The first busy interval ending after the blocked start is the only one that
                # can overlap: busy intervals are merged, so the next ones start later still.
                index = bisect_right(busy_ends, start - before)
                if index == busy_count or busy_starts[index] >= start + reach:
                    slots.append(Slot(start, start + duration))
    return slots


def _merged_utc(
    intervals: Iterable[Interval], span_start: datetime, span_end: datetime
) -> tuple[list[datetime], list[datetime]]:
    """The union of the ``intervals`` touching the span, in UTC, as parallel start/end lists."""
    touching = [item for item in intervals if item.end > span_start and item.start < span_end]
    touching.sort(key=_by_start)
    starts: list[datetime] = []
    ends: list[datetime] = []
    end = span_start
    for item in touching:
        if ends and item.start <= end:
            if item.end > end:
                end = ends[-1] = item.end
        else:
            starts.append(item.start)
            end = item.end
            ends.append(end)
    return _in_utc(starts), _in_utc(ends)


def _in_utc(instants: list[datetime]) -> list[datetime]:
    """``instants`` in UTC: bisecting datetimes that share one tzinfo is the fast path."""
    if all(instant.tzinfo is UTC for instant in instants):
        return instants
    return [instant.astimezone(UTC) for instant in instants]


def _free_parts(
    w: WorkingInterval, hole_starts: list[datetime], hole_ends: list[datetime], first_hole: int
) -> list[tuple[datetime, datetime]]:
    """``w`` minus the holes from ``first_hole`` on (the earlier ones end before ``w``)."""
    parts: list[tuple[datetime, datetime]] = []
    cursor, end = w.start, w.end
    index = first_hole
    while index < len(hole_starts) and hole_starts[index] < end:
        if hole_starts[index] > cursor:
            parts.append((cursor, hole_starts[index]))
        if hole_ends[index] > cursor:
            cursor = hole_ends[index]
        index += 1
    if cursor < end:
        parts.append((cursor, end))
    return parts


def _starts(
    w: WorkingInterval, step: timedelta, low: datetime, high: datetime, zone: tzinfo
) -> list[datetime]:
    """Candidate starts of ``w`` in [low, high]: its local start plus whole wall-clock steps."""
    if high < low:
        return []
    if w.uniform_offset:
        # No DST change inside: wall-clock steps are UTC steps, no zone lookups needed.
        start = w.start + ((low - w.start + step - TICK) // step) * step
        starts: list[datetime] = []
        while start <= high:
            starts.append(start)
            start += step
        return starts
    every = _wall_starts(w, step, zone)
    return every[bisect_left(every, low) : bisect_right(every, high)]


def _wall_starts(w: WorkingInterval, step: timedelta, zone: tzinfo) -> list[datetime]:
    """Every existing local start of ``w`` in UTC, stepping on the wall clock (DST days only).

    Non-existent wall times (spring forward) are skipped; ambiguous ones take fold=0.
    """
    local = datetime.combine(w.day, w.local_start, tzinfo=zone)
    starts: list[datetime] = []
    while local.date() == w.day and local.time() < w.local_end:
        instant = local_to_utc(w.day, local.time(), zone)
        if instant is not None:
            starts.append(instant)
        local += step
    return starts
