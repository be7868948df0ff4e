"""Times in the practice's locale and zones as people name them (pure; no database)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from craniocare.lib.humanize import format_time, format_time_range, html_datetime, zone_label

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("wall", "expected"),
    [
        (time(9, 0), f"9:00{NBSP}a.m."),
        (time(12, 0), f"12:00{NBSP}p.m."),
        (time(12, 30), f"12:30{NBSP}p.m."),
        (time(0, 15), f"12:15{NBSP}a.m."),
        (time(23, 45), f"11:45{NBSP}p.m."),
    ],
)
def test_it_writes_canadian_english_times(wall, expected):
    assert format_time(wall, "en-ca") == expected
    assert format_time(wall, "en_CA") == expected


def test_it_follows_other_locales():
    assert format_time(time(9, 5), "en-US") == f"9:05{NBSP}AM"
    assert format_time(time(9, 5), "en-GB") == "09:05"
    assert format_time(time(14, 0), "fr-CA") == f"14{NBSP}h{NBSP}00"


def test_a_range_names_the_half_of_the_day_once_when_it_can():
    assert format_time_range(time(10), time(11), "en-CA") == f"10:00\u201311:00{NBSP}a.m."
    assert format_time_range(time(11, 30), time(12, 30), "en-CA") == (
        f"11:30{NBSP}a.m.\u201312:30{NBSP}p.m."
    )
    assert format_time_range(time(10), time(11), "de") == "10:00\u201311:00"


def test_it_names_zones_as_people_say_them():
    winter, summer = datetime(2027, 1, 18, 14, tzinfo=UTC), datetime(2027, 7, 5, 14, tzinfo=UTC)
    assert zone_label("America/Toronto", winter) == "Toronto time"
    assert zone_label("Europe/London", winter) == "London time (GMT)"
    assert zone_label("Europe/London", summer) == "London time (BST)"
    assert zone_label("Asia/Kolkata", winter) == "Kolkata time"
    assert zone_label("America/Argentina/Buenos_Aires", winter) == "Buenos Aires time"
    assert zone_label("UTC", winter) == "UTC"


def test_html_datetimes_have_seconds_and_no_microseconds():
    instant = datetime(2026, 12, 2, 20, 30, 5, 987654, tzinfo=UTC)
    assert html_datetime(instant) == "2026-12-02T20:30:05Z"
    assert html_datetime(instant, "America/Toronto") == "2026-12-02T15:30:05-05:00"
    assert html_datetime(instant, ZoneInfo("Asia/Kolkata")) == "2026-12-03T02:00:05+05:30"
    with pytest.raises(ValueError):
        html_datetime(datetime(2026, 12, 2))  # noqa: DTZ001
