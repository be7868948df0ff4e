"""Which free times an entry wants: pure rules, no database (the times come from the engine)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from .models import PARTS_OF_DAY

__all__ = ["fits_time_of_day", "wants"]


def _within(moment: time, start: time, end: time | None) -> bool:
    return start <= moment and (end is None or moment < end)


def fits_time_of_day(
    local_time: time,
    *,
    parts: Iterable[str],
    window_start: time | None = None,
    window_end: time | None = None,
) -> bool:
    """Whether a session starting at `local_time` (the visitor's wall clock) is in one of the
    parts of the day they chose, or in their own window [window_start, window_end)."""
    for part in parts:
        span = PARTS_OF_DAY.get(part)
        if span is not None and _within(local_time, *span):
            return True
    if window_start is not None and window_end is not None:
        return _within(local_time, window_start, window_end)
    return False


def wants(
    *,
    start: datetime,
    practitioner_id: int,
    zone: ZoneInfo,
    first_day: date,
    last_day: date,
    practitioner_ids: Sequence[int] = (),
    parts: Iterable[str] = (),
    window_start: time | None = None,
    window_end: time | None = None,
) -> bool:
    """Whether a free `start` with `practitioner_id` suits an entry: on one of its dates (in its
    zone), with its practitioner (if it named one), at a time of day it asked for."""
    local = start.astimezone(zone)
    if not first_day <= local.date() <= last_day:
        return False
    if practitioner_ids and practitioner_id not in practitioner_ids:
        return False
    return fits_time_of_day(
        local.time(), parts=parts, window_start=window_start, window_end=window_end
    )
