"""Half-open time intervals over aware datetimes, and the set operations the slot engine needs.

Every function here is pure and works on instants, so intervals in different zones compare
correctly; the slot engine normalises to UTC first because same-zone comparisons are cheaper.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

__all__ = ["Interval", "clip", "merge", "overlaps", "subtract"]


@dataclass(frozen=True, slots=True, order=True)
class Interval:
    """The half-open span ``[start, end)`` between two aware instants."""

    start: datetime  # aware
    end: datetime  # aware, > start; half-open [start, end)

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("Interval needs aware datetimes")
        if self.end <= self.start:
            raise ValueError(f"Interval end {self.end} is not after its start {self.start}")

    def contains(self, other: Interval) -> bool:
        """True when ``other`` lies entirely inside this interval."""
        return self.start <= other.start and other.end <= self.end


_by_start = attrgetter("start")


def overlaps(a: Interval, b: Interval) -> bool:
    """True when the two intervals share at least one instant (touching ends do not count)."""
    return a.start < b.end and b.start < a.end


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of ``intervals`` as a sorted list of disjoint, non-touching intervals."""
    ordered = sorted(intervals, key=_by_start)
    if not ordered:
        return []
    merged: list[Interval] = []
    start, end = ordered[0].start, ordered[0].end
    for item in ordered[1:]:
        if item.start <= end:
            if item.end > end:
                end = item.end
        else:
            merged.append(Interval(start, end))
            start, end = item.start, item.end
    merged.append(Interval(start, end))
    return merged


def subtract(base: Sequence[Interval], holes: Sequence[Interval]) -> list[Interval]:
    """``base`` minus ``holes``; both must be sorted and merged (see :func:`merge`).

    A single linear sweep: O(len(base) + len(holes)).
    """
    result: list[Interval] = []
    first_hole = 0
    for part in base:
        # Holes ending before this part cannot touch any later part either (base is sorted).
        while first_hole < len(holes) and holes[first_hole].end <= part.start:
            first_hole += 1
        cursor = part.start
        index = first_hole
        while index < len(holes) and holes[index].start < part.end:
            hole = holes[index]
            if hole.start > cursor:
                result.append(Interval(cursor, hole.start))
            if hole.end > cursor:
                cursor = hole.end
            index += 1
        if cursor < part.end:
            result.append(Interval(cursor, part.end))
    return result


def clip(intervals: Iterable[Interval], window: Interval) -> list[Interval]:
    """The parts of ``intervals`` that fall inside ``window``, in the input order."""
    clipped: list[Interval] = []
    for item in intervals:
        start = max(item.start, window.start)
        end = min(item.end, window.end)
        if start < end:
            clipped.append(Interval(start, end))
    return clipped
