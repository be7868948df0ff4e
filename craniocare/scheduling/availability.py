"""Weekly hours and date overrides -> working intervals as UTC instants (pure, no ORM).

Hours are local wall-clock times in the schedule's zone, so 09:00 stays 09:00 across DST
changes; each date's hours are turned into instants separately (DESIGN.md §3 rule 2).

DST edges, decided once here:
- An interval edge on a repeated wall time (fall back) is its first occurrence (fold=0).
- An edge on a skipped wall time (spring forward) is the instant the gap ends, i.e. the first
  moment the clock reads that time or later: hours "00:00-02:30" on a day that jumps from
  02:00 to 03:00 end at 03:00, and hours "02:30-05:00" open at 03:00. This never stretches a
  day past what its wall clock shows; an interval lying wholly inside a gap disappears.
- Touching or overlapping spans of one date are joined before conversion.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from craniocare.lib.intervals import Interval
from craniocare.lib.tz import gap_end, resolve_local

__all__ = [
    "DateOverride",
    "Schedule",
    "WeeklyHours",
    "WorkingInterval",
    "local_hours",
    "working_intervals",
]

ONE_DAY = timedelta(days=1)
Spans = tuple[tuple[time, time], ...]  # one date's local (start, end) wall-clock spans


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """One stretch of recurring working hours on a weekday, in local wall-clock time."""

    weekday: int  # 0 = Monday .. 6 = Sunday
    start: time  # local wall clock in the schedule's zone
    end: time  # > start (no intervals over midnight)

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0..6, not {self.weekday}")
        _check_hours(self.start, self.end)


@dataclass(frozen=True, slots=True)
class DateOverride:
    """The hours of one date, replacing that weekday's hours; no intervals = closed."""

    day: date
    intervals: tuple[tuple[time, time], ...]  # empty tuple = closed that day

    def __post_init__(self) -> None:
        for start, end in self.intervals:
            _check_hours(start, end)


@dataclass(frozen=True, slots=True)
class Schedule:
    """A practitioner's hours: a zone, weekly hours and per-date overrides.

    Several overrides for the same date act as one override holding all their intervals.
    """

    zone: ZoneInfo
    weekly: tuple[WeeklyHours, ...]
    overrides: tuple[DateOverride, ...] = ()


@dataclass(frozen=True, slots=True)
class WorkingInterval:
    """One working interval of one local date, as instants plus the wall times it came from.

    ``local_start`` is what slot steps are aligned to (09:00, 09:30, ...). ``uniform_offset`` is
    True when the zone's UTC offset is the same at both ends and the start exists, so every wall
    time inside maps to ``start + (wall - local_start)`` without asking the zone again.
    """

    day: date
    local_start: time
    local_end: time
    interval: Interval  # UTC
    uniform_offset: bool

    @property
    def start(self) -> datetime:
        return self.interval.start

    @property
    def end(self) -> datetime:
        return self.interval.end


def _check_hours(start: time, end: time) -> None:
    if start.tzinfo is not None or end.tzinfo is not None:
        raise ValueError("working hours are naive wall-clock times in the schedule's zone")
    if end <= start:
        raise ValueError(f"hours end {end} is not after start {start} (no spans over midnight)")


def _merge_wall(spans: Iterable[tuple[time, time]]) -> Spans:
    """Sorted union of one day's wall-clock spans; overlapping or touching spans join up.

    Touching spans (09:00-12:00 + 12:00-13:00) are one stretch of work, so slots may cross
    the seam and steps align to the joined start.
    """
    merged: list[tuple[time, time]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _hours_by_date(schedule: Schedule) -> tuple[dict[int, Spans], dict[date, Spans]]:
    """Merged wall-clock spans per weekday and per overridden date.

    Several overrides for one date act as one override holding all their intervals.
    """
    weekly = {
        weekday: _merge_wall((w.start, w.end) for w in schedule.weekly if w.weekday == weekday)
        for weekday in range(7)
    }
    by_date: dict[date, list[tuple[time, time]]] = {}
    for override in schedule.overrides:
        by_date.setdefault(override.day, []).extend(override.intervals)
    return weekly, {day: _merge_wall(spans) for day, spans in by_date.items()}


def local_hours(schedule: Schedule, day: date) -> Spans:
    """The merged local wall-clock working spans of ``day`` (its override, else its weekday)."""
    weekly, overrides = _hours_by_date(schedule)
    return overrides.get(day, weekly[day.weekday()])


def _edge(day: date, wall_time: time, zone: ZoneInfo) -> tuple[datetime, timedelta | None]:
    """An interval edge as an instant (the gap's end if it does not exist) and its offset."""
    instant, offset = resolve_local(day, wall_time, zone)
    if offset is None:
        instant = gap_end(datetime.combine(day, wall_time, tzinfo=zone))
    return instant, offset


def _to_working(day: date, start: time, end: time, zone: ZoneInfo) -> WorkingInterval | None:
    """Turn one local span into instants, or None when DST leaves nothing of it.

    An edge that falls in a spring-forward gap becomes the instant the gap ends (the first
    moment the clock reads a later time); a span entirely inside a gap is dropped. Ambiguous
    edges take their first occurrence (fold=0).
    """
    utc_start, start_offset = _edge(day, start, zone)
    utc_end, end_offset = _edge(day, end, zone)
    if utc_end <= utc_start:
        return None
    # A span never holds two transitions that cancel out (no zone changes twice within hours),
    # so equal offsets at both ends mean no transition inside.
    uniform = start_offset is not None and start_offset == end_offset
    return WorkingInterval(day, start, end, Interval(utc_start, utc_end), uniform)


def _days(first_day: date, last_day: date) -> Iterator[date]:
    day = first_day
    while day <= last_day:
        yield day
        day += ONE_DAY


def working_intervals(schedule: Schedule, first_day: date, last_day: date) -> list[WorkingInterval]:
    """Every working interval of the local dates ``first_day``..``last_day``, sorted.

    A date's override replaces its weekday's hours (an empty override closes the day). Each
    date's spans are merged in wall-clock time first, then converted to UTC instants.
    """
    weekly, overrides = _hours_by_date(schedule)
    zone = schedule.zone
    result: list[WorkingInterval] = []
    for day in _days(first_day, last_day):
        spans = overrides.get(day)
        if spans is None:
            spans = weekly[day.weekday()]
        for start, end in spans:
            working = _to_working(day, start, end, zone)
            if working is not None:
                result.append(working)
    result.sort(key=lambda w: w.interval.start)
    return result
