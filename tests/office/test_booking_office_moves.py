"""Office bookings moved: reschedule to a free time the whole session fits, never onto another
session, and a one-click move that asks first and emails only once confirmed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from craniocare.bookings.models import Status
from craniocare.clients.models import Client
from tests.clock import at
from tests.office.helpers import book


@pytest.mark.django_db
def test_it_reschedules_to_a_free_time(office_client, serena, alice, session60, wednesday):
    booking = book(serena, Client.objects.get(user=alice), session60, at(9, 30))
    client = office_client(serena)
    html = client.get(reverse("office:booking", args=[booking.pk])).content.decode()
    assert 'value="2027-03-03T15:00"' in html  # offered as a free time
    client.post(
        reverse("office:booking_move", args=[booking.pk]),
        {"start": "2027-03-03T15:00", "confirm": "yes", "notify_client": "on"},
    )
    booking.refresh_from_db()
    assert booking.start == at(15) and booking.status == Status.CONFIRMED


@pytest.mark.django_db
def test_a_one_click_move_asks_first_and_emails_only_once_confirmed(
    office_client,
    serena,
    alice,
    session60,
    wednesday,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    booking = book(serena, Client.objects.get(user=alice), session60, at(9, 30))
    client = office_client(serena)
    url = reverse("office:booking_move", args=[booking.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"start": "2027-03-03T15:00"})  # the free-time button
    html = response.content.decode()
    assert response.status_code == 200 and "Move this booking?" in html
    assert "Wednesday 3 March 2027, 15:00\u201316:00" in html
    assert 'name="confirm" value="yes"' in html and 'name="notify_client" checked' in html
    booking.refresh_from_db()
    assert booking.start == at(9, 30) and mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"start": "2027-03-03T15:00", "confirm": "yes", "notify_client": "on"})
    booking.refresh_from_db()
    assert booking.start == at(15)
    assert any(alice.email in message.to for message in mailoutbox)


@pytest.mark.django_db
def test_a_confirmed_move_may_leave_the_client_unemailed(
    office_client,
    serena,
    alice,
    session60,
    wednesday,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    booking = book(serena, Client.objects.get(user=alice), session60, at(9, 30))
    with django_capture_on_commit_callbacks(execute=True):
        office_client(serena).post(
            reverse("office:booking_move", args=[booking.pk]),
            {"start": "2027-03-03T15:00", "confirm": "yes"},  # "Email the client" unticked
        )
    booking.refresh_from_db()
    assert booking.start == at(15)
    assert mailoutbox, "the practitioner is still told"
    assert not any(alice.email in message.to for message in mailoutbox)


@pytest.mark.django_db
def test_it_offers_only_reschedule_times_the_whole_session_fits(
    office_client, serena, alice, session60, wednesday
):
    booking = book(serena, Client.objects.get(user=alice), session60, at(9, 30))
    html = office_client(serena).get(reverse("office:booking", args=[booking.pk])).content.decode()
    offered = re.findall(r'name="start" value="2027-03-03T(\d\d:\d\d)"', html)
    # Its own time is not offered; 11:30 and 16:30 would run past noon and past 17:00.
    assert offered[:5] == ["09:00", "10:00", "10:30", "11:00", "13:00"]
    assert "11:30" not in offered and "16:30" not in offered


@pytest.mark.django_db
def test_it_refuses_to_reschedule_onto_another_session(
    office_client, serena, alice, bob, session60, wednesday
):
    mine = book(serena, Client.objects.get(user=alice), session60, at(9, 30))
    book(serena, Client.objects.get(user=bob), session60, at(14))
    response = office_client(serena).post(
        reverse("office:booking_move", args=[mine.pk]),
        {"start": "2027-03-03T14:30", "confirm": "yes"},
        follow=True,
    )
    assert "did not move" in response.content.decode()
    mine.refresh_from_db()
    assert mine.start == at(9, 30)
