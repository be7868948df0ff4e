"""Interval set operations, checked against plain sets of minutes."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from craniocare.lib.intervals import Interval, clip, merge, overlaps, subtract

BASE = datetime(2027, 5, 3, 8, 0, tzinfo=UTC)


def span(start: int, end: int) -> Interval:
    """An interval from minute offsets after BASE."""
    return Interval(BASE + timedelta(minutes=start), BASE + timedelta(minutes=end))


def minutes(intervals: list[Interval]) -> set[int]:
    covered: set[int] = set()
    for item in intervals:
        first = int((item.start - BASE) / timedelta(minutes=1))
        last = int((item.end - BASE) / timedelta(minutes=1))
        covered.update(range(first, last))
    return covered


def is_sorted_and_disjoint(intervals: list[Interval]) -> bool:
    return all(a.end < b.start for a, b in itertools.pairwise(intervals))


spans = st.builds(
    lambda start, length: span(start, start + length),
    st.integers(0, 300),
    st.integers(1, 60),
)


def test_it_merges_overlapping_and_touching_intervals() -> None:
    assert merge([span(30, 40), span(0, 10), span(10, 20), span(15, 25)]) == [
        span(0, 25),
        span(30, 40),
    ]


def test_it_merges_nothing_into_nothing() -> None:
    assert merge([]) == []


def test_it_subtracts_holes_from_several_parts() -> None:
    base = [span(0, 60), span(120, 180)]
    holes = [span(-10, 5), span(20, 30), span(55, 125), span(170, 200)]
    assert subtract(base, holes) == [span(5, 20), span(30, 55), span(125, 170)]


def test_it_treats_touching_intervals_as_not_overlapping() -> None:
    assert not overlaps(span(0, 10), span(10, 20))
    assert overlaps(span(0, 11), span(10, 20))
    assert overlaps(span(0, 30), span(10, 20))


def test_it_compares_instants_across_zones() -> None:
    toronto = ZoneInfo("America/Toronto")
    local = Interval(BASE.astimezone(toronto), (BASE + timedelta(hours=1)).astimezone(toronto))
    assert overlaps(local, span(30, 90))
    assert merge([local, span(60, 120)]) == [Interval(local.start, span(60, 120).end)]


def test_it_clips_to_a_window() -> None:
    assert clip([span(0, 30), span(50, 70), span(90, 100)], span(20, 60)) == [
        span(20, 30),
        span(50, 60),
    ]


def test_it_rejects_naive_and_empty_intervals() -> None:
    with pytest.raises(ValueError, match="aware"):
        Interval(datetime(2027, 1, 1), datetime(2027, 1, 2))  # noqa: DTZ001
    with pytest.raises(ValueError, match="not after"):
        span(10, 10)


@given(st.lists(spans, max_size=12))
def test_it_merges_into_the_same_minutes_sorted_and_disjoint(items: list[Interval]) -> None:
    merged = merge(items)
    assert minutes(merged) == minutes(items)
    assert is_sorted_and_disjoint(merged)


@given(st.lists(spans, max_size=8), st.lists(spans, max_size=8))
def test_it_subtracts_like_a_set_difference(base: list[Interval], holes: list[Interval]) -> None:
    result = subtract(merge(base), merge(holes))
    assert minutes(result) == minutes(base) - minutes(holes)
    assert all(a.end <= b.start for a, b in itertools.pairwise(result))


@given(spans, spans)
def test_it_finds_overlaps_like_shared_minutes(a: Interval, b: Interval) -> None:
    assert overlaps(a, b) == bool(minutes([a]) & minutes([b]))
