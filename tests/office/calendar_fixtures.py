"""Shared setup for the calendar and office-booking tests: Serena works Mon-Fri 09-12, 13-17
(Toronto); "now" is Wednesday 3 March 2027, 08:00 in Toronto."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from craniocare.scheduling.models import Practitioner, WorkingHours

TORONTO = ZoneInfo("America/Toronto")
MORNING = datetime(2027, 3, 3, 13, 0, 5, tzinfo=UTC)
WEDNESDAY = date(2027, 3, 3)


def at(hour: int, minute: int = 0, day: date = WEDNESDAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TORONTO)


def give_hours(practitioner: Practitioner, weekdays: range = range(5)) -> None:
    for weekday in weekdays:
        WorkingHours.objects.create(
            practitioner=practitioner, weekday=weekday, start=time(9), end=time(12)
        )
        WorkingHours.objects.create(
            practitioner=practitioner, weekday=weekday, start=time(13), end=time(17)
        )
