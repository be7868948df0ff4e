"""booking_create: offered slots only, buffers, idempotency, the office's exceptions."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from craniocare.accounts.models import User
from craniocare.bookings.errors import IdempotencyConflict, SlotUnavailable
from craniocare.bookings.models import Booking, Source, Status
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import booking_cancel, booking_create
from craniocare.bookings.tokens import hash_token
from craniocare.clients.models import Client
from tests.bookings.fixtures import BookFn
from tests.clock import NEXT_MONDAY, NOW, toronto
from tests.factories import PractitionerFactory, ServiceFactory, TimeOffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_books_an_offered_slot(book: BookFn, serena: User) -> None:
    result = book(toronto(NEXT_MONDAY, 10), first_visit=True, notes="Headaches.")
    booking = result.booking
    assert result.created
    assert booking.status == Status.CONFIRMED
    assert booking.practitioner == serena.practitioner
    assert booking.start == datetime(2027, 3, 8, 15, 0, tzinfo=UTC)
    assert booking.end == datetime(2027, 3, 8, 16, 0, tzinfo=UTC)
    assert booking.blocked_start == booking.start
    assert booking.blocked_end == datetime(2027, 3, 8, 16, 15, tzinfo=UTC)  # 15 min buffer after
    assert booking.booked_tz == "America/Toronto"
    assert booking.first_visit and booking.notes == "Headaches."
    assert booking.client.email == "alice@example.com"
    assert booking.client_name == "Alice Martin"
    assert booking.source == Source.ONLINE
    assert booking.manage_token_hash == hash_token(result.manage_token)
    assert result.manage_token not in booking.manage_token_hash


def test_it_stores_utc_instants_whatever_the_offset_given(book: BookFn) -> None:
    in_london = datetime(2027, 3, 8, 15, 0, tzinfo=UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/London")
    )
    booking = book(in_london, booked_tz="Europe/London").booking
    booking.refresh_from_db()
    assert booking.start == toronto(NEXT_MONDAY, 10)
    assert booking.booked_tz == "Europe/London"


def test_it_allows_back_to_back_bookings(serena: User, book: BookFn) -> None:
    no_buffers = ServiceFactory(buffer_after_minutes=0, practitioners=[serena.practitioner])
    first = book(toronto(NEXT_MONDAY, 10), service=no_buffers).booking
    second = book(toronto(NEXT_MONDAY, 11), service=no_buffers).booking
    assert first.blocked_end == second.blocked_start
    assert Booking.objects.active().count() == 2


def test_it_allows_bookings_whose_blocked_ranges_touch(serena: User, book: BookFn) -> None:
    thirty_after = ServiceFactory(buffer_after_minutes=30, practitioners=[serena.practitioner])
    first = book(toronto(NEXT_MONDAY, 9), service=thirty_after).booking  # blocks 09:00-10:30
    second = book(toronto(NEXT_MONDAY, 10, 30), service=thirty_after).booking
    assert first.blocked_end == second.blocked_start


def test_it_enforces_the_buffer_after(book: BookFn) -> None:
    book(toronto(NEXT_MONDAY, 13))  # blocks 13:00-14:15
    with pytest.raises(SlotUnavailable):
        book(toronto(NEXT_MONDAY, 14))
    assert book(toronto(NEXT_MONDAY, 14, 30)).created


def test_it_enforces_the_buffer_before(serena: User, book: BookFn) -> None:
    book(toronto(NEXT_MONDAY, 10))  # blocks 10:00-11:15
    prepared = ServiceFactory(
        buffer_before_minutes=30, buffer_after_minutes=0, practitioners=[serena.practitioner]
    )
    with pytest.raises(SlotUnavailable):
        book(toronto(NEXT_MONDAY, 11, 30), service=prepared)  # would block 11:00-12:30
    assert book(toronto(NEXT_MONDAY, 13, 30), service=prepared).created


def test_it_rejects_a_taken_slot(book: BookFn, bob_details: ClientDetails) -> None:
    book(toronto(NEXT_MONDAY, 10))
    with pytest.raises(SlotUnavailable):
        book(toronto(NEXT_MONDAY, 10), client=bob_details)
    with pytest.raises(SlotUnavailable):
        book(toronto(NEXT_MONDAY, 10, 30), client=bob_details)  # overlapping, on the grid
    assert Booking.objects.count() == 1


def test_it_offers_a_cancelled_slot_again_at_once(book: BookFn, bob_details: ClientDetails) -> None:
    first = book(toronto(NEXT_MONDAY, 10)).booking
    booking_cancel(booking=first, reason="", by_client=False, now=NOW)
    again = book(toronto(NEXT_MONDAY, 10), client=bob_details).booking
    assert again.pk != first.pk
    assert Booking.objects.active().get() == again


@pytest.mark.parametrize(
    ("start", "why"),
    [
        (toronto(NEXT_MONDAY, 10, 15), "off the 30-minute grid"),
        (toronto(NEXT_MONDAY, 10, 0) + timedelta(seconds=1), "off the grid by a second"),
        (toronto(NEXT_MONDAY, 11, 30), "runs into the lunch break"),
        (toronto(NEXT_MONDAY, 12), "inside the lunch break"),
        (toronto(NEXT_MONDAY, 8, 30), "before the day starts"),
        (toronto(NEXT_MONDAY, 16, 30), "runs past the end of the day"),
        (toronto(NEXT_MONDAY - timedelta(days=1), 10), "on a Sunday"),
        (NOW - timedelta(days=2), "in the past"),
        (toronto(NEXT_MONDAY - timedelta(days=7), 10), "in the past, on the grid"),
        (NOW + timedelta(hours=6), "inside the 12 hour notice"),
        (toronto(NEXT_MONDAY - timedelta(days=5), 14), "this afternoon, on the grid, 2 h ahead"),
        (toronto(NEXT_MONDAY + timedelta(days=182), 10), "beyond the 180 day window"),
    ],
)
def test_it_rejects_starts_that_are_not_offered(book: BookFn, start: datetime, why: str) -> None:
    with pytest.raises(SlotUnavailable):
        book(start)
    assert not Booking.objects.exists(), why
    assert not Client.objects.exists(), "nothing is left behind"


def test_it_accepts_the_first_start_after_the_notice(book: BookFn) -> None:
    # NOW is Wednesday 12:00 in Toronto; with 12 hours of notice, Thursday 09:00 is 21 hours away.
    assert book(toronto(NEXT_MONDAY - timedelta(days=4), 9)).created is True


def test_it_rejects_a_start_during_time_off(serena: User, book: BookFn) -> None:
    TimeOffFactory(
        practitioner=serena.practitioner,
        start=toronto(NEXT_MONDAY, 13),
        end=toronto(NEXT_MONDAY, 17),
    )
    with pytest.raises(SlotUnavailable):
        book(toronto(NEXT_MONDAY, 14))
    assert book(toronto(NEXT_MONDAY, 10)).created


def test_it_refuses_naive_datetimes(book: BookFn) -> None:
    with pytest.raises(ValueError, match="naive"):
        book(datetime(2027, 3, 8, 10, 0))  # noqa: DTZ001


def test_it_validates_the_client_details(book: BookFn) -> None:
    with pytest.raises(ValidationError) as error:
        book(
            toronto(NEXT_MONDAY, 10),
            client=ClientDetails(name=" ", email="not-an-email"),
            booked_tz="Mars/Olympus",
        )
    assert set(error.value.message_dict) == {"name", "email", "booked_tz"}
    assert not Booking.objects.exists()


def test_it_reuses_the_client_record_by_normalized_email(book: BookFn, alice_signin: Any) -> None:
    first = book(toronto(NEXT_MONDAY, 10)).booking
    second = book(
        toronto(NEXT_MONDAY, 14),
        client=ClientDetails(name="A. Martin", email="  Alice@Example.COM "),
    ).booking
    assert first.client_id == second.client_id
    assert Client.objects.get().user == alice_signin  # linked to the sign-in with that email
    assert second.client_name == "A. Martin"  # the booking keeps what was typed


def test_it_books_the_first_practitioner_with_the_slot_free(
    serena: User, book: BookFn, bob_details: ClientDetails, session60: Any
) -> None:
    other = PractitionerFactory(slug="theo", position=1)
    session60.practitioners.add(other)
    assert book(toronto(NEXT_MONDAY, 10)).booking.practitioner == serena.practitioner
    assert book(toronto(NEXT_MONDAY, 10), client=bob_details).booking.practitioner == other
    with pytest.raises(SlotUnavailable):
        book(toronto(NEXT_MONDAY, 10), client=bob_details)


def test_it_refuses_a_practitioner_who_does_not_offer_the_service(book: BookFn) -> None:
    other = PractitionerFactory(slug="theo")
    with pytest.raises(SlotUnavailable):
        book(toronto(NEXT_MONDAY, 10), practitioner=other)


def test_it_refuses_an_inactive_service_online(book: BookFn, session60: Any) -> None:
    session60.active = False
    session60.save()
    with pytest.raises(SlotUnavailable):
        book(toronto(NEXT_MONDAY, 10))


def test_it_lets_the_office_book_outside_the_rules_but_never_over_a_booking(
    book: BookFn, bob_details: ClientDetails
) -> None:
    past = book(NOW - timedelta(days=3), allow_outside_rules=True, source=Source.OFFICE)
    evening = book(toronto(NEXT_MONDAY, 19, 10), allow_outside_rules=True)
    assert past.created and evening.created
    with pytest.raises(SlotUnavailable):
        book(toronto(NEXT_MONDAY, 19, 40), client=bob_details, allow_outside_rules=True)


class TestIdempotency:
    def test_it_returns_the_same_booking_for_the_same_key_and_body(self, book: BookFn) -> None:
        first = book(toronto(NEXT_MONDAY, 10), idempotency_key="key-1")
        again = book(toronto(NEXT_MONDAY, 10), idempotency_key="key-1")
        assert again.booking.pk == first.booking.pk
        assert again.created is False
        assert again.manage_token == first.manage_token
        assert Booking.objects.count() == 1

    def test_it_treats_the_same_instant_in_another_offset_as_the_same_body(
        self, book: BookFn
    ) -> None:
        first = book(toronto(NEXT_MONDAY, 10), idempotency_key="key-1")
        again = book(datetime(2027, 3, 8, 15, 0, tzinfo=UTC), idempotency_key="key-1")
        assert again.booking.pk == first.booking.pk

    def test_it_refuses_the_same_key_with_another_body(self, book: BookFn) -> None:
        book(toronto(NEXT_MONDAY, 10), idempotency_key="key-1")
        with pytest.raises(IdempotencyConflict):
            book(toronto(NEXT_MONDAY, 14), idempotency_key="key-1")
        with pytest.raises(IdempotencyConflict):
            book(toronto(NEXT_MONDAY, 10), idempotency_key="key-1", notes="changed")
        assert Booking.objects.count() == 1

    def test_it_replays_even_after_the_slot_was_cancelled(self, book: BookFn) -> None:
        first = book(toronto(NEXT_MONDAY, 10), idempotency_key="key-1").booking
        booking_cancel(booking=first, reason="", by_client=False, now=NOW)
        again = book(toronto(NEXT_MONDAY, 10), idempotency_key="key-1")
        assert again.booking.pk == first.pk and again.booking.status == Status.CANCELLED

    def test_it_keeps_bookings_without_a_key_apart(self, book: BookFn) -> None:
        book(toronto(NEXT_MONDAY, 10), idempotency_key=None)
        book(toronto(NEXT_MONDAY, 14), idempotency_key="")
        assert Booking.objects.filter(idempotency_key__isnull=True).count() == 2


class TestChangeHook:
    def test_it_calls_the_hook_once_inside_the_transaction(
        self, book: BookFn, django_capture_on_commit_callbacks: Any, monkeypatch: Any
    ) -> None:
        seen: list[tuple[str, str, bool]] = []

        def record(booking: Booking, event: str, **options: Any) -> None:
            seen.append((booking.uid, event, transaction.get_connection().in_atomic_block))

        monkeypatch.setattr("craniocare.bookings.hooks.on_booking_changed", record)
        with django_capture_on_commit_callbacks(execute=True):
            booking = book(toronto(NEXT_MONDAY, 10)).booking
        assert seen == [(booking.uid, "created", True)]

    def test_it_makes_no_booking_when_its_messages_cannot_be_written(
        self, book: BookFn, monkeypatch: Any
    ) -> None:
        """The messages commit with the booking or not at all: nothing half-done is kept."""

        def broken(booking: Booking, event: str, **options: Any) -> None:
            raise RuntimeError("the outbox table is unwritable")

        monkeypatch.setattr("craniocare.bookings.hooks.on_booking_changed", broken)
        with pytest.raises(RuntimeError):
            book(toronto(NEXT_MONDAY, 10))
        assert not Booking.objects.exists()

    def test_it_does_not_call_the_hook_for_a_refused_booking(
        self, book: BookFn, django_capture_on_commit_callbacks: Any
    ) -> None:
        with django_capture_on_commit_callbacks() as callbacks, pytest.raises(SlotUnavailable):
            book(toronto(NEXT_MONDAY, 12))
        assert callbacks == []


def test_it_uses_the_practice_zone_rules_not_the_server_clock(serena: User) -> None:
    """Weekly hours are Toronto wall-clock times: 09:00 stays 09:00 after the DST change."""
    service = ServiceFactory(practitioners=[serena.practitioner])
    after_dst = toronto(NEXT_MONDAY + timedelta(days=7), 9)  # 2027-03-15, EDT
    result = booking_create(
        service=service,
        start=after_dst,
        client=ClientDetails(name="Bob", email="bob@example.com"),
        source=Source.ONLINE,
        booked_tz="America/Toronto",
        now=NOW,
    )
    assert result.booking.start == datetime(2027, 3, 15, 13, 0, tzinfo=UTC)
    assert result.booking.start.astimezone(after_dst.tzinfo).time() == time(9)
    assert UserFactory._meta.model.objects.count() == 1  # only serena's user
