"""Wall-clock helpers over ``zoneinfo``: local (date, time) in a zone <-> UTC instants.

Rules (DESIGN.md §3 rule 2): an ambiguous local time (autumn fall-back) means its first
occurrence (``fold=0``); a local time that does not exist (spring-forward gap) is detected by a
round trip through UTC, because ``zoneinfo`` silently maps it to *some* instant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "UTC",
    "gap_end",
    "is_valid_zone",
    "local_date",
    "local_to_utc",
    "local_to_utc_or_after_gap",
    "resolve_local",
    "to_utc",
]


def is_valid_zone(name: str) -> bool:
    """True when ``name`` is an IANA zone key that ``zoneinfo`` can load."""
    if not name or not isinstance(name, str):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def to_utc(instant: datetime) -> datetime:
    """``instant`` (aware) expressed in UTC; raises ValueError for a naive datetime."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant!r}; an aware instant is required")
    if instant.tzinfo is UTC:
        return instant
    return instant.astimezone(UTC)


def local_date(instant: datetime, zone: tzinfo) -> date:
    """The calendar date of ``instant`` on a wall clock in ``zone``."""
    return to_utc(instant).astimezone(zone).date()


def _naive(wall_time: time) -> time:
    if wall_time.tzinfo is None and not wall_time.fold:
        return wall_time  # the common case; time.replace() is comparatively slow
    return wall_time.replace(tzinfo=None, fold=0)


def resolve_local(day: date, wall_time: time, zone: tzinfo) -> tuple[datetime, timedelta | None]:
    """``(instant, offset)`` for ``wall_time`` on ``day`` in ``zone``, taken as fold=0.

    ``offset`` is the zone's UTC offset at ``instant``, or None when the wall time does not
    exist (a spring-forward gap): the round trip through UTC then shows another wall time.
    Aware datetimes sharing a tzinfo compare by their wall-clock fields, which is that test.
    """
    local = datetime.combine(day, _naive(wall_time), tzinfo=zone)
    instant = local.astimezone(UTC)
    shown = instant.astimezone(zone)
    if shown != local:
        return instant, None
    return instant, zone.utcoffset(shown)


def local_to_utc(day: date, wall_time: time, zone: tzinfo) -> datetime | None:
    """The UTC instant showing ``wall_time`` on ``day`` in ``zone``, or None if there is none.

    Ambiguous times resolve to the first occurrence (fold=0). Non-existent times (inside a
    spring-forward gap) return None: they are detected by converting to UTC and back.
    """
    instant, offset = resolve_local(day, wall_time, zone)
    return None if offset is None else instant


def local_to_utc_or_after_gap(day: date, wall_time: time, zone: tzinfo) -> datetime:
    """Like :func:`local_to_utc`, but a non-existent time maps to the instant the gap ends.

    That is the first instant whose wall clock reads at or after ``wall_time``: the clock jumps
    from the gap's start straight to its end, so "09:00" in a gap means "as soon as the clock
    reads a later time". Used for the edges of working intervals.
    """
    instant = local_to_utc(day, wall_time, zone)
    if instant is not None:
        return instant
    return gap_end(datetime.combine(day, _naive(wall_time), tzinfo=zone))


def gap_end(local: datetime) -> datetime:
    """The transition instant of the gap that swallows the non-existent ``local`` time.

    PEP 495: fold=0 converts a gap time with the offset before the transition (landing after
    it), fold=1 with the offset after it (landing before it). The transition lies between the
    two; a bisection to the second finds it (tz transitions happen on whole seconds).
    """
    zone = local.tzinfo
    assert zone is not None
    before = local.replace(fold=1).astimezone(UTC)  # before the transition
    after = local.replace(fold=0).astimezone(UTC)  # at or after the transition
    offset_before = before.astimezone(zone).utcoffset()
    low, high = 0, int((after - before).total_seconds())
    while low + 1 < high:  # invariant: offset(before + low) == offset_before != offset(+ high)
        middle = (low + high) // 2
        if (before + timedelta(seconds=middle)).astimezone(zone).utcoffset() == offset_before:
            low = middle
        else:
            high = middle
    return before + timedelta(seconds=high)
