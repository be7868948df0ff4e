"""The office's free times come from the one engine and the one selector: the same hours,
overrides, closed public holidays, time off and busy time as online booking, without notice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine

from craniocare.bookings.free_times import office_open_slots, open_slots
from craniocare.clients.models import Client
from craniocare.scheduling.models import DateOverride, HolidayOpening, Practitioner, TimeOff
from craniocare.scheduling.selectors import rules_for
from tests.clock import TORONTO
from tests.factories import give_hours
from tests.office.helpers import book

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 21, 13, tzinfo=UTC)  # Monday 21 December 2026, 08:00 in Toronto
MONDAY, WEDNESDAY, THURSDAY, CHRISTMAS = (date(2026, 12, d) for d in (21, 23, 24, 25))


@pytest.fixture(autouse=True)
def before_christmas() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def starts_by_day(slots) -> dict[date, list[str]]:
    days: dict[date, list[str]] = {}
    for slot in slots:
        local = slot.start.astimezone(TORONTO)
        days.setdefault(local.date(), []).append(local.strftime("%H:%M"))
    return days


def office_week(practitioner, service):
    return office_open_slots(
        practitioner=practitioner,
        rules=rules_for(service),
        first_day=MONDAY,
        last_day=CHRISTMAS,
        tz=TORONTO,
        now=NOW,
    )


def test_it_follows_overrides_time_off_bookings_and_closed_holidays(serena, alice, session60):
    practitioner = Practitioner.objects.get(user=serena)
    give_hours(practitioner)
    TimeOff.objects.create(
        practitioner=practitioner,
        start=datetime.combine(WEDNESDAY, time(13), tzinfo=TORONTO),
        end=datetime.combine(WEDNESDAY, time(17), tzinfo=TORONTO),
    )
    DateOverride.objects.create(
        practitioner=practitioner, date=THURSDAY, intervals=[["10:00", "12:00"]]
    )
    book(
        serena,
        Client.objects.get(user=alice),
        session60,
        datetime.combine(MONDAY, time(9), tzinfo=TORONTO),
    )
    days = starts_by_day(office_week(practitioner, session60))
    # Inside the 12-hour notice, so online has nothing on Monday; the office has, after the
    # 09:00 session and its buffer (to 10:15).
    assert days[MONDAY][:3] == ["10:30", "11:00", "13:00"]
    assert days[WEDNESDAY] == ["09:00", "09:30", "10:00", "10:30", "11:00"]  # afternoon off
    assert days[THURSDAY] == ["10:00", "10:30", "11:00"]  # the override's hours
    assert CHRISTMAS not in days  # a public holiday, closed

    HolidayOpening.objects.create(practitioner=practitioner, date=CHRISTMAS)
    assert starts_by_day(office_week(practitioner, session60))[CHRISTMAS][0] == "09:00"


def test_every_online_slot_is_an_office_slot(serena, alice, session60):
    practitioner = Practitioner.objects.get(user=serena)
    give_hours(practitioner)
    book(
        serena,
        Client.objects.get(user=alice),
        session60,
        datetime.combine(WEDNESDAY, time(10), tzinfo=TORONTO),
    )
    online = {
        slot
        for slot, _ in open_slots(
            service=session60, first_day=MONDAY, last_day=CHRISTMAS, tz=TORONTO, now=NOW
        )
    }
    office = set(office_week(practitioner, session60))
    assert online and online < office
    assert all(slot.start >= NOW + timedelta(hours=12) for slot in online)
