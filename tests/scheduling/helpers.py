"""Builders for slot-engine tests, and a brute-force reference engine to compare against.

The reference shares no code with the engine: it finds what a wall clock shows by walking UTC
minute by minute, so it needs no fold or gap reasoning at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from craniocare.lib.intervals import Interval
from craniocare.scheduling.availability import DateOverride, Schedule, WeeklyHours
from craniocare.scheduling.slots import Slot, SlotRules
from tests.clock import TORONTO

MINUTE = timedelta(minutes=1)
ONE_DAY = timedelta(days=1)


def hm(text: str) -> time:
    """``"09:30"`` -> time(9, 30)."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def at(zone: ZoneInfo, day: date, text: str, fold: int = 0) -> datetime:
    """An aware datetime on ``day`` at wall time ``text`` in ``zone``."""
    return datetime.combine(day, hm(text), tzinfo=zone).replace(fold=fold)


def utc(text: str) -> datetime:
    """``"2027-03-14 13:00"`` as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def weekly(days: Iterable[int], *spans: tuple[str, str]) -> tuple[WeeklyHours, ...]:
    return tuple(WeeklyHours(day, hm(start), hm(end)) for day in days for start, end in spans)


def schedule(
    zone: ZoneInfo = TORONTO,
    *spans: tuple[str, str],
    days: Iterable[int] = range(7),
    overrides: Sequence[DateOverride] = (),
) -> Schedule:
    return Schedule(zone=zone, weekly=weekly(days, *spans), overrides=tuple(overrides))


def override(day: date, *spans: tuple[str, str]) -> DateOverride:
    return DateOverride(day, tuple((hm(start), hm(end)) for start, end in spans))


def rules(
    duration: int = 60,
    step: int = 30,
    before: int = 0,
    after: int = 0,
    notice: int = 0,
    window_days: int = 180,
) -> SlotRules:
    """SlotRules from minutes (window in days)."""
    return SlotRules(
        duration=timedelta(minutes=duration),
        step=timedelta(minutes=step),
        buffer_before=timedelta(minutes=before),
        buffer_after=timedelta(minutes=after),
        min_notice=timedelta(minutes=notice),
        window=timedelta(days=window_days),
    )


def local_times(slots: Iterable[Slot], zone: ZoneInfo) -> list[str]:
    """Slot starts as local ``HH:MM`` strings."""
    return [slot.start.astimezone(zone).strftime("%H:%M") for slot in slots]


@dataclass(frozen=True)
class DayClock:
    """What a zone's wall clock shows around one local date, found by walking UTC minutes.

    ``first_shown[m]``: the first instant showing minute ``m`` of the day (absent if never).
    ``first_at_or_after[m]``: the first instant whose wall clock shows minute ``m`` or later.
    """

    first_shown: dict[int, datetime]
    first_at_or_after: list[datetime]


@lru_cache(maxsize=1024)
def day_clock(zone: ZoneInfo, day: date) -> DayClock:
    """Walks the UTC minutes that can show ``day`` in ``zone`` (cached: it is slow)."""
    midnight = datetime.combine(day, time(0), tzinfo=UTC)
    instant, stop = midnight - timedelta(hours=16), midnight + timedelta(hours=40)
    first_shown: dict[int, datetime] = {}
    first_at_or_after: list[datetime] = []
    while instant < stop:
        wall = instant.astimezone(zone)
        if wall.date() < day:
            minute = -1
        elif wall.date() > day:
            minute = 1440
        else:
            minute = wall.hour * 60 + wall.minute
            first_shown.setdefault(minute, instant)
        while len(first_at_or_after) <= min(minute, 1439):
            first_at_or_after.append(instant)
        instant += MINUTE
    return DayClock(first_shown, first_at_or_after)


def minutes_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def reference_hours(plan: Schedule, day: date) -> list[tuple[int, int]]:
    """The day's local hours in minutes, overlapping or touching spans joined."""
    overrides = [item for item in plan.overrides if item.day == day]
    if overrides:  # several overrides of one date pool their intervals
        spans = [span for item in overrides for span in item.intervals]
    else:
        spans = [(w.start, w.end) for w in plan.weekly if w.weekday == day.weekday()]
    joined: list[list[int]] = []
    for start, end in sorted((minutes_of(s), minutes_of(e)) for s, e in spans):
        if joined and start <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    return [(start, end) for start, end in joined]


def _overlaps(start: datetime, end: datetime, intervals: Iterable[Interval]) -> bool:
    return any(start < item.end and item.start < end for item in intervals)


def reference_slots(
    *,
    plan: Schedule,
    slot_rules: SlotRules,
    first_day: date,
    last_day: date,
    now: datetime,
    time_off: Sequence[Interval] = (),
    busy: Sequence[Interval] = (),
) -> list[tuple[datetime, datetime]]:
    """The contract's semantics, checked candidate by candidate (minute-grid inputs only)."""
    step = int(slot_rules.step / MINUTE)
    # In UTC first: arithmetic on a zoned datetime drops fold and would move a repeated `now`.
    now = now.astimezone(UTC)
    found = []
    day = first_day
    while day <= last_day:
        clock = day_clock(plan.zone, day)
        for span_start, span_end in reference_hours(plan, day):
            open_from = clock.first_at_or_after[span_start]
            open_until = clock.first_at_or_after[span_end]
            for minute in range(span_start, span_end, step):
                start = clock.first_shown.get(minute)
                if start is None:
                    continue  # that wall time never shows: skipped by spring forward
                end = start + slot_rules.duration
                if not (open_from <= start and end <= open_until):
                    continue
                if not now + slot_rules.min_notice <= start <= now + slot_rules.window:
                    continue
                if _overlaps(start, end, time_off):
                    continue
                blocked_start = start - slot_rules.buffer_before
                if _overlaps(blocked_start, end + slot_rules.buffer_after, busy):
                    continue
                found.append((start, end))
        day += ONE_DAY
    return sorted(found)
