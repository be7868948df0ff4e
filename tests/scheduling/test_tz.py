"""Wall clock <-> instant helpers, including the DST gap and overlap."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from craniocare.lib.tz import (
    is_residential_zone,
    local_date,
    local_to_utc,
    local_to_utc_or_after_gap,
    match_zone,
    to_utc,
)
from tests.scheduling.helpers import TORONTO, day_clock, utc

ZONES = [
    ZoneInfo(name)
    for name in (
        "America/Toronto",
        "Europe/London",
        "Australia/Adelaide",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "UTC",
    )
]
TRANSITION_DAYS = [
    date(2027, 3, 14),
    date(2027, 11, 7),
    date(2027, 3, 28),
    date(2027, 10, 31),
    date(2027, 4, 4),
    date(2027, 10, 3),
    date(2027, 9, 26),
]


def test_it_returns_none_for_a_wall_time_skipped_by_spring_forward() -> None:
    assert local_to_utc(date(2027, 3, 14), time(2, 0), TORONTO) is None
    assert local_to_utc(date(2027, 3, 14), time(2, 59), TORONTO) is None
    assert local_to_utc(date(2027, 3, 14), time(1, 59), TORONTO) == utc("2027-03-14 06:59")
    assert local_to_utc(date(2027, 3, 14), time(3, 0), TORONTO) == utc("2027-03-14 07:00")


def test_it_takes_the_first_occurrence_of_an_ambiguous_wall_time() -> None:
    assert local_to_utc(date(2027, 11, 7), time(1, 30), TORONTO) == utc("2027-11-07 05:30")
    assert local_to_utc(date(2027, 11, 7), time(1, 30, fold=1), TORONTO) == utc("2027-11-07 05:30")
    london = ZoneInfo("Europe/London")
    assert local_to_utc(date(2027, 10, 31), time(1, 15), london) == utc("2027-10-31 00:15")


def test_it_maps_a_skipped_wall_time_to_the_end_of_the_gap() -> None:
    assert local_to_utc_or_after_gap(date(2027, 3, 14), time(2, 30), TORONTO) == utc(
        "2027-03-14 07:00"
    )
    lord_howe = ZoneInfo("Australia/Lord_Howe")  # 02:00 -> 02:30, a half-hour gap
    assert local_to_utc_or_after_gap(date(2027, 10, 3), time(2, 10), lord_howe) == utc(
        "2027-10-02 15:30"
    )
    london = ZoneInfo("Europe/London")
    assert local_to_utc_or_after_gap(date(2027, 3, 28), time(1, 0), london) == utc(
        "2027-03-28 01:00"
    )


def test_it_finds_local_dates_across_midnight() -> None:
    kathmandu = ZoneInfo("Asia/Kathmandu")  # +05:45
    assert local_date(utc("2027-06-01 18:14"), kathmandu) == date(2027, 6, 1)
    assert local_date(utc("2027-06-01 18:15"), kathmandu) == date(2027, 6, 2)
    assert local_date(utc("2027-06-01 03:59"), TORONTO) == date(2027, 5, 31)


def test_it_accepts_only_zones_people_live_in() -> None:
    for name in ("America/Toronto", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "UTC"):
        assert is_residential_zone(name), name
    refused = ("", "America", "Mars/Olympus_Mons", "../../etc/passwd", "America/Toronto ")
    program_keys = ("localtime", "Factory", "posixrules", "Etc/GMT+5", "EST5EDT", "US/Eastern")
    for name in (*refused, *program_keys, None, 5):
        assert not is_residential_zone(name), name


def test_it_matches_typed_zone_names() -> None:
    assert match_zone("europe/london") == "Europe/London"
    assert match_zone("America/St Johns") == "America/St_Johns"
    assert match_zone("localtime") is None
    assert match_zone("factory") is None


def test_it_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_utc(datetime(2027, 1, 1, 9, 0))  # noqa: DTZ001


@given(
    zone=st.sampled_from(ZONES),
    day=st.sampled_from(TRANSITION_DAYS),
    minute=st.integers(0, 1439),
)
def test_it_resolves_every_wall_minute_like_a_walk_through_utc(
    zone: ZoneInfo, day: date, minute: int
) -> None:
    wall = time(minute // 60, minute % 60)
    clock = day_clock(zone, day)
    expected = clock.first_shown.get(minute)
    assert local_to_utc(day, wall, zone) == expected
    assert local_to_utc_or_after_gap(day, wall, zone) == clock.first_at_or_after[minute]
    if expected is not None:
        assert expected.tzinfo is UTC
        shown = expected.astimezone(zone)
        assert (shown.date(), shown.time(), shown.fold) == (day, wall, 0)
