"""The suite's pinned clock and its one `TORONTO`.

`NOW` is Wednesday 3 March 2027, 12:00 in Toronto (17:00 UTC), in winter time (EST, UTC-5);
`NEXT_MONDAY` (8 March) is a plain EST day and DST starts the Sunday after (14 March), so the
week after next crosses it. The bookings, API and office tests run on this clock; the office's
calendar and Today run on `MORNING`, 08:00:05 the same day.

The public booking pages run on `WEB_NOW`, the same weekday and hour seven weeks earlier
(Wednesday 13 January 2027, 12:00 Toronto): deep winter, when London is on UTC+0 and a 09:00
Toronto time shows as 14:00 in London, which those tests read as words ("Monday 18 January,
2:00 p.m."). Both instants stay because the tests assert the dates they produce.

The `clock` fixture travels to `NOW` (`web_clock` to `WEB_NOW`) with time-machine, without
ticking, and yields the traveller so a test can `shift` or `move_to`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

TORONTO = ZoneInfo("America/Toronto")

NOW = datetime(2027, 3, 3, 17, 0, tzinfo=UTC)
WEDNESDAY = date(2027, 3, 3)
NEXT_MONDAY = date(2027, 3, 8)
MORNING = datetime(2027, 3, 3, 13, 0, 5, tzinfo=UTC)

WEB_NOW = datetime(2027, 1, 13, 17, 0, tzinfo=UTC)
WEB_NEXT_MONDAY = date(2027, 1, 18)


def toronto(day: date, hour: int, minute: int = 0) -> datetime:
    """A Toronto wall-clock time on `day` as an aware datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=TORONTO)


def at(hour: int, minute: int = 0, day: date = WEDNESDAY) -> datetime:
    """A Toronto wall-clock time on `NOW`'s day (or `day`)."""
    return toronto(day, hour, minute)


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def web_clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(WEB_NOW, tick=False) as traveller:
        yield traveller
