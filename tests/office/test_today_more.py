"""Today's extras: next free times, new inbox messages, bookings since the last visit, and the
notes shortcut (practitioner only)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from craniocare.clients.models import Client
from craniocare.contact.models import ContactMessage
from craniocare.scheduling.models import Practitioner
from tests.clock import MORNING, at
from tests.factories import give_hours
from tests.office.helpers import book

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(serena, alice, session60):
    give_hours(Practitioner.objects.get(user=serena))
    with time_machine.travel(MORNING, tick=False):
        booking = book(serena, Client.objects.get(user=alice), session60, at(9))
        yield booking


def test_it_lists_the_next_free_times(office_client, serena, day):
    html = office_client(serena).get(reverse("office:today")).content.decode()
    starts = re.findall(r"start=(2027-03-03T\d\d)%3A(\d\d)", html)
    # 09:00 is booked and its buffer runs to 10:15; a 60-minute session starting 11:30 would
    # run past noon, so the next one after 11:00 is 13:00.
    assert [":".join(s) for s in starts[:3]] == [
        "2027-03-03T10:30",
        "2027-03-03T11:00",
        "2027-03-03T13:00",
    ]


def test_it_counts_new_messages_and_bookings_since_the_last_visit(
    office_client, serena, alice, session60, day
):
    ContactMessage.objects.create(name="Ann", email="ann@example.org", message="Hello there")
    client = office_client(serena)
    html = client.get(reverse("office:today")).content.decode()
    assert "<strong>1</strong> new message in the inbox" in html
    assert "<strong>0</strong> bookings made since your last visit" in html
    with time_machine.travel(MORNING + timedelta(minutes=5), tick=False):
        book(serena, Client.objects.get(user=alice), session60, at(15))
        html = client.get(reverse("office:today")).content.decode()
    assert "<strong>1</strong> booking made since your last visit" in html
    with time_machine.travel(MORNING + timedelta(minutes=6), tick=False):
        html = client.get(reverse("office:today")).content.decode()
    assert "<strong>0</strong> bookings made since your last visit" in html


def test_it_gives_the_practitioner_a_notes_shortcut_and_front_desk_none(
    office_client, serena, frank, day
):
    notes = reverse("office:client_clinical", args=[day.client_id])
    assert notes in office_client(serena).get(reverse("office:today")).content.decode()
    assert notes not in office_client(frank).get(reverse("office:today")).content.decode()


def test_it_offers_no_gap_too_short_for_the_service(office_client, serena, alice, session60):
    """A 30-minute gap between two sessions holds no 60-minute session (plus its buffer)."""
    give_hours(Practitioner.objects.get(user=serena))
    alice_client = Client.objects.get(user=alice)
    with time_machine.travel(MORNING, tick=False):
        book(serena, alice_client, session60, at(9, 15))  # blocked to 10:30 with its buffer
        book(serena, alice_client, session60, at(11))  # the gap is 10:30-11:00
        html = office_client(serena).get(reverse("office:today")).content.decode()
    starts = [":".join(s) for s in re.findall(r"start=(2027-03-03T\d\d)%3A(\d\d)", html)]
    assert "2027-03-03T10:30" not in starts
    # The first time that holds the session is after lunch, for the service it was found for.
    assert starts[0] == "2027-03-03T13:00"
    assert f"service={session60.pk}" in html
    assert "Times with room for a 60-minute session and its buffer." in html
