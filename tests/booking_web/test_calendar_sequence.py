"""RFC 5545 SEQUENCE and UID: every change of time or status gives a higher SEQUENCE in every
calendar file (invitations, cancellations, the download), however quickly the changes come,
and one booking has one UID everywhere. The clock is pinned (`tick=False`), so every change
below happens in the same second."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from craniocare.bookings import ics
from craniocare.bookings.models import Booking, Source, Status
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import (
    BookingResult,
    booking_cancel,
    booking_create,
    booking_reschedule,
    booking_set_outcome,
)
from craniocare.catalog.models import Service

from .helpers import SERVICE, calendar_event, mail_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booking_site")]

MONDAY_9 = datetime(2027, 1, 18, 14, 0, tzinfo=UTC)  # 09:00 Toronto
MONDAY_10 = datetime(2027, 1, 18, 15, 0, tzinfo=UTC)
MONDAY_11 = datetime(2027, 1, 18, 16, 0, tzinfo=UTC)
EMAIL = "dana@example.com"


@pytest.fixture
def booked(django_capture_on_commit_callbacks, smtp_server) -> BookingResult:
    with django_capture_on_commit_callbacks(execute=True):
        return booking_create(
            service=Service.objects.get(slug=SERVICE),
            start=MONDAY_9,
            client=ClientDetails(name="Dana Roy", email=EMAIL),
            source=Source.ONLINE,
            booked_tz="America/Toronto",
        )


def event_of(body: bytes):
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    return event


def test_two_changes_in_one_second_give_increasing_sequences(booked):
    booking = booked.booking
    numbers = [int(event_of(ics.booking_calendar(booking, "REQUEST"))["SEQUENCE"])]
    for start in (MONDAY_10, MONDAY_11):
        booking = booking_reschedule(booking=booking, new_start=start, by_client=False)
        numbers.append(int(event_of(ics.booking_calendar(booking, "REQUEST"))["SEQUENCE"]))
    booking = booking_cancel(booking=booking, by_client=False)
    numbers.append(int(event_of(ics.booking_calendar(booking, "CANCEL"))["SEQUENCE"]))
    assert numbers == [0, 1, 2, 3]
    assert Booking.objects.get(pk=booking.pk).sequence == 3


def test_the_download_after_a_move_has_the_moved_sequence(client, booked):
    booking_reschedule(booking=booked.booking, new_start=MONDAY_11, by_client=False)
    response = client.get(
        reverse("bookings:calendar", kwargs={"uid": booked.booking.uid}),
        {"token": booked.manage_token},
    )
    assert response.status_code == 200
    event = event_of(response.content)
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == MONDAY_11


def test_the_cancellation_outranks_the_last_invitation(
    booked, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        moved = booking_reschedule(booking=booked.booking, new_start=MONDAY_11, by_client=False)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=moved, by_client=False)
    created, rescheduled, cancelled = mail_to(smtp_server, EMAIL, count=3)
    sequences = []
    for message, method in ((created, "REQUEST"), (rescheduled, "REQUEST"), (cancelled, "CANCEL")):
        calendar, event = calendar_event(message)
        assert str(calendar["METHOD"]) == method
        assert str(event["UID"]) == f"{booked.booking.uid}@{settings.CALENDAR_UID_DOMAIN}"
        sequences.append(int(event["SEQUENCE"]))
    assert sequences[0] < sequences[1] < sequences[2]


def test_an_outcome_counts_as_a_change_of_status_once(booked, web_clock):
    web_clock.move_to(MONDAY_9.replace(hour=16))
    done = booking_set_outcome(booking=booked.booking, status=Status.COMPLETED)
    assert done.sequence == 1
    again = booking_set_outcome(booking=done, status=Status.COMPLETED)
    assert again.sequence == 1, "no change, no new number"
    no_show = booking_set_outcome(booking=again, status=Status.NO_SHOW)
    assert no_show.sequence == 2
