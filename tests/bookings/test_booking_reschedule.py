"""booking_reschedule: one UPDATE in one transaction; a taken slot changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from craniocare.bookings.errors import (
    BookingNotChangeable,
    CancellationWindowPassed,
    SlotUnavailable,
)
from craniocare.bookings.models import Booking, Status
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import booking_cancel, booking_reschedule
from tests.bookings.fixtures import BookFn
from tests.clock import NEXT_MONDAY, NOW, toronto

pytestmark = pytest.mark.django_db


def _snapshot(booking: Booking) -> tuple[object, ...]:
    booking.refresh_from_db()
    return (booking.start, booking.end, booking.blocked_start, booking.blocked_end, booking.status)


def test_it_moves_a_booking_and_keeps_its_uid(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    moved = booking_reschedule(
        booking=booking, new_start=toronto(NEXT_MONDAY, 14), by_client=True, now=NOW
    )
    assert moved.uid == booking.uid
    assert moved.start == toronto(NEXT_MONDAY, 14)
    assert moved.end == toronto(NEXT_MONDAY, 15)
    assert moved.blocked_end == toronto(NEXT_MONDAY, 15, 15)
    assert Booking.objects.count() == 1


def test_it_frees_the_old_time_at_once(book: BookFn, bob_details: ClientDetails) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    booking_reschedule(booking=booking, new_start=toronto(NEXT_MONDAY, 14), by_client=True, now=NOW)
    assert book(toronto(NEXT_MONDAY, 10), client=bob_details).created


def test_it_can_move_into_its_own_old_range(book: BookFn) -> None:
    """The old range is released by the same update that takes the new one: never both held."""
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    moved = booking_reschedule(
        booking=booking, new_start=toronto(NEXT_MONDAY, 10, 30), by_client=True, now=NOW
    )
    assert moved.start == toronto(NEXT_MONDAY, 10, 30)


def test_it_leaves_the_booking_unchanged_when_the_new_slot_is_taken(
    book: BookFn, bob_details: ClientDetails
) -> None:
    mine = book(toronto(NEXT_MONDAY, 10)).booking
    book(toronto(NEXT_MONDAY, 14), client=bob_details)
    before = _snapshot(mine)
    with pytest.raises(SlotUnavailable):
        booking_reschedule(
            booking=mine, new_start=toronto(NEXT_MONDAY, 14, 30), by_client=True, now=NOW
        )
    assert _snapshot(mine) == before
    assert Booking.objects.active().count() == 2


@pytest.mark.parametrize(
    "hour_minute", [(10, 15), (12, 0), (20, 0)], ids=["off-grid", "lunch", "evening"]
)
def test_it_refuses_a_new_start_that_is_not_offered(
    book: BookFn, hour_minute: tuple[int, int]
) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    before = _snapshot(booking)
    with pytest.raises(SlotUnavailable):
        booking_reschedule(
            booking=booking, new_start=toronto(NEXT_MONDAY, *hour_minute), by_client=True, now=NOW
        )
    assert _snapshot(booking) == before


def test_it_refuses_a_client_reschedule_inside_the_cutoff(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    with pytest.raises(CancellationWindowPassed):
        booking_reschedule(
            booking=booking,
            new_start=toronto(NEXT_MONDAY, 14),
            by_client=True,
            now=booking.start - timedelta(hours=3),
        )


def test_it_lets_staff_reschedule_inside_the_cutoff(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    tomorrow = NEXT_MONDAY + timedelta(days=1)
    moved = booking_reschedule(
        booking=booking,
        new_start=toronto(tomorrow, 14),
        by_client=False,
        now=booking.start - timedelta(hours=3),
    )
    assert moved.start == toronto(tomorrow, 14)


def test_it_lets_the_office_move_outside_hours_but_not_over_another_booking(
    book: BookFn, bob_details: ClientDetails
) -> None:
    mine = book(toronto(NEXT_MONDAY, 10)).booking
    book(toronto(NEXT_MONDAY, 14), client=bob_details)
    evening = booking_reschedule(
        booking=mine,
        new_start=toronto(NEXT_MONDAY, 18, 10),
        by_client=False,
        now=NOW,
        allow_outside_rules=True,
    )
    assert evening.start == toronto(NEXT_MONDAY, 18, 10)
    with pytest.raises(SlotUnavailable):
        booking_reschedule(
            booking=mine,
            new_start=toronto(NEXT_MONDAY, 13, 30),
            by_client=False,
            now=NOW,
            allow_outside_rules=True,
        )


def test_it_refuses_to_reschedule_a_cancelled_booking(book: BookFn) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking
    booking_cancel(booking=booking, reason="", by_client=True, now=NOW)
    with pytest.raises(BookingNotChangeable):
        booking_reschedule(
            booking=booking, new_start=toronto(NEXT_MONDAY, 14), by_client=True, now=NOW
        )
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
