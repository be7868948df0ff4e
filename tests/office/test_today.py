"""Today: the day's sessions in order, in the practice's time zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.urls import reverse

from craniocare.bookings.models import Status
from craniocare.clients.models import Client
from craniocare.office.selectors import day_bounds
from tests.clock import TORONTO
from tests.office.helpers import book

pytestmark = pytest.mark.django_db

# Wednesday 3 March 2027, 08:00 in Toronto.
MORNING = datetime(2027, 3, 3, 13, 0, 5, tzinfo=UTC)


def at(hour: int, minute: int = 0, day: date = date(2027, 3, 3)) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TORONTO)


@pytest.fixture
def the_day(serena, maya, alice, bob, session60):
    alice_client = Client.objects.get(user=alice)
    bob_client = Client.objects.get(user=bob)
    book(serena, bob_client, session60, at(14), notes="Migraines since January.")
    book(serena, alice_client, session60, at(9, 30), first_visit=True)
    book(serena, alice_client, session60, at(16), status=Status.CANCELLED)
    book(serena, bob_client, session60, at(10, 0, date(2027, 3, 4)))  # tomorrow
    book(serena, bob_client, session60, at(23, 30, date(2027, 3, 2)))  # yesterday, 04:30 UTC today
    book(maya, alice_client, session60, at(11))


def names_in_order(html: str) -> list[str]:
    return re.findall(r'class="who" href="[^"]+">([^<]+)</a>', html)


def test_the_practitioner_sees_her_own_sessions_of_the_day_in_order(office_client, serena, the_day):
    with time_machine.travel(MORNING, tick=False):
        html = office_client(serena).get(reverse("office:today")).content.decode()
    assert "Wednesday 3 March 2027 · 2 sessions" in html
    assert names_in_order(html) == ["Alice Martin", "Bob Nguyen"]
    assert "9:30<span>to 10:30</span>" in html and "14:00<span>to 15:00</span>" in html
    assert "First visit" in html
    assert "Maya" not in html


def test_front_desk_sees_every_practitioners_day_without_booking_notes(
    office_client, frank, the_day
):
    with time_machine.travel(MORNING, tick=False):
        html = office_client(frank).get(reverse("office:today")).content.decode()
    assert names_in_order(html) == ["Alice Martin", "Alice Martin", "Bob Nguyen"]
    assert "with Maya Okafor" in html and "with Serena Hale" in html
    assert "Migraines" not in html


def test_an_empty_day_says_so(office_client, serena):
    html = office_client(serena).get(reverse("office:today")).content.decode()
    assert "No sessions are booked for today." in html


def test_a_day_is_local_midnight_to_midnight_across_daylight_saving():
    start, end = day_bounds(date(2027, 3, 14), TORONTO)  # clocks go forward at 02:00
    assert start == datetime(2027, 3, 14, 5, 0, tzinfo=UTC)
    assert (end - start).total_seconds() == 23 * 3600
    start, end = day_bounds(date(2027, 11, 7), TORONTO)  # and back
    assert (end - start).total_seconds() == 25 * 3600
