"""booking_cancel: the client's cutoff, staff at any time, the slot freed at once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from craniocare.bookings.errors import BookingNotChangeable, CancellationWindowPassed
from craniocare.bookings.models import Booking, Status
from craniocare.bookings.services import booking_cancel, booking_set_outcome, can_client_change
from tests.bookings.fixtures import BookFn
from tests.clock import NEXT_MONDAY, NOW, toronto

pytestmark = pytest.mark.django_db


def test_it_lets_a_client_cancel_before_the_cutoff(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    cancelled = booking_cancel(booking=booking, reason="Feeling unwell", by_client=True, now=NOW)
    assert cancelled.status == Status.CANCELLED
    assert cancelled.cancelled_at == NOW
    assert cancelled.cancellation_reason == "Feeling unwell"
    assert not Booking.objects.active().exists()


def test_it_lets_a_client_cancel_exactly_at_the_cutoff(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    at_cutoff = booking.start - timedelta(hours=24)
    assert booking_cancel(booking=booking, by_client=True, now=at_cutoff).status == "cancelled"


def test_it_refuses_a_client_cancel_inside_the_cutoff(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    late = booking.start - timedelta(hours=23, minutes=59)
    assert not can_client_change(booking, late)
    with pytest.raises(CancellationWindowPassed):
        booking_cancel(booking=booking, reason="", by_client=True, now=late)
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_it_enforces_the_cutoff_on_the_real_clock(book: BookFn, time_machine: object) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    time_machine.move_to(booking.start - timedelta(hours=2))  # type: ignore[attr-defined]
    with pytest.raises(CancellationWindowPassed):
        booking_cancel(booking=booking, reason="", by_client=True)


def test_it_lets_staff_cancel_inside_the_cutoff(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    late = booking.start - timedelta(hours=1)
    cancelled = booking_cancel(
        booking=booking, reason="Practitioner ill", by_client=False, now=late
    )
    assert cancelled.status == Status.CANCELLED


def test_it_treats_cancelling_twice_as_done(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    first = booking_cancel(booking=booking, reason="first", by_client=True, now=NOW)
    second = booking_cancel(booking=booking, reason="second", by_client=True, now=NOW)
    assert second.status == Status.CANCELLED
    assert second.cancellation_reason == "first"
    assert second.cancelled_at == first.cancelled_at


def test_it_refuses_to_cancel_a_completed_booking(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    after = booking.end + timedelta(minutes=5)
    booking_set_outcome(booking=booking, status=Status.COMPLETED, now=after)
    with pytest.raises(BookingNotChangeable):
        booking_cancel(booking=booking, reason="", by_client=False, now=after)


def test_it_records_outcomes_only_after_the_start(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    with pytest.raises(BookingNotChangeable):
        booking_set_outcome(booking=booking, status=Status.NO_SHOW, now=NOW)
    with pytest.raises(BookingNotChangeable):
        booking_set_outcome(booking=booking, status=Status.CANCELLED, now=booking.end)
    marked = booking_set_outcome(booking=booking, status=Status.NO_SHOW, now=booking.end)
    assert marked.status == Status.NO_SHOW
    assert Booking.objects.active().get() == marked  # a no-show still held the time
