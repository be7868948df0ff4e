"""The database itself refuses overlapping active bookings (DESIGN.md rule 3), whatever writes
the row: an exclusion constraint on PostgreSQL, a trigger on SQLite. These tests write raw SQL,
past every Python check, on whichever database is configured."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from craniocare.accounts.models import User
from craniocare.bookings.models import Booking, Status
from craniocare.catalog.models import Service
from craniocare.scheduling.models import Practitioner
from tests.clock import NEXT_MONDAY, toronto
from tests.factories import BookingFactory, ClientFactory, PractitionerFactory

pytestmark = pytest.mark.django_db

COLUMNS = (
    "uid, practitioner_id, service_id, client_id, client_name, client_email, client_phone, "
    '"start", "end", blocked_start, blocked_end, booked_tz, status, source, notes, '
    "first_visit, idempotency_key, request_fingerprint, manage_token_hash, "
    "cancellation_reason, created_at, updated_at, cancelled_at"
)


def raw_insert(
    *,
    uid: str,
    practitioner: Practitioner,
    service: Service,
    start: datetime,
    minutes: int = 60,
    status: str = Status.CONFIRMED,
) -> None:
    """INSERT a booking row with plain SQL (no model, no service, no validation)."""
    client = ClientFactory()
    end = start + timedelta(minutes=minutes)
    dt = connection.ops.adapt_datetimefield_value
    values: list[Any] = [
        uid, practitioner.pk, service.pk, client.pk, "Raw", client.email, "",
        dt(start), dt(end), dt(start), dt(end), "America/Toronto", status, "office", "",
        False, None, "", "0" * 64, "", dt(start), dt(start), None,
    ]  # fmt: skip
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO bookings_booking ({COLUMNS}) VALUES ({marks})", values)  # noqa: S608


@pytest.fixture
def existing(serena: User, session60: Service) -> Booking:
    """An active booking Monday 10:00-11:15 (blocked range, with the 15 min buffer)."""
    return BookingFactory(
        practitioner=serena.practitioner, service=session60, start=toronto(NEXT_MONDAY, 10)
    )


def test_it_refuses_a_raw_insert_of_an_overlapping_active_booking(
    existing: Booking, serena: User, session60: Service
) -> None:
    # SQLite: the trigger's RAISE(ABORT, 'booking_overlap'); PostgreSQL: the exclusion
    # constraint bookings_booking_no_overlap. Both surface as django.db.IntegrityError.
    with pytest.raises(IntegrityError, match="overlap"), transaction.atomic():
        raw_insert(uid="raw-1", practitioner=serena.practitioner, service=session60,
                   start=toronto(NEXT_MONDAY, 11))  # fmt: skip
    assert Booking.objects.count() == 1


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.NO_SHOW])
def test_it_refuses_overlaps_for_every_status_that_holds_time(
    existing: Booking, serena: User, session60: Service, status: str
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_insert(uid="raw-1", practitioner=serena.practitioner, service=session60,
                   start=toronto(NEXT_MONDAY, 9, 30), status=status)  # fmt: skip


def test_it_accepts_a_raw_insert_of_an_overlapping_cancelled_booking(
    existing: Booking, serena: User, session60: Service
) -> None:
    raw_insert(uid="raw-1", practitioner=serena.practitioner, service=session60,
               start=toronto(NEXT_MONDAY, 10), status=Status.CANCELLED)  # fmt: skip
    assert Booking.objects.filter(status=Status.CANCELLED).count() == 1


def test_it_refuses_reviving_a_cancelled_booking_into_an_overlap(
    existing: Booking, serena: User, session60: Service
) -> None:
    raw_insert(uid="raw-1", practitioner=serena.practitioner, service=session60,
               start=toronto(NEXT_MONDAY, 10), status=Status.CANCELLED)  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE bookings_booking SET status = 'confirmed' WHERE uid = 'raw-1'")


def test_it_refuses_moving_a_booking_onto_another(
    existing: Booking, serena: User, session60: Service
) -> None:
    other = BookingFactory(
        practitioner=serena.practitioner, service=session60, start=toronto(NEXT_MONDAY, 14)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=other.pk).update(
            blocked_start=existing.blocked_start, start=existing.start,
            end=existing.end, blocked_end=existing.blocked_end,
        )  # fmt: skip


def test_it_accepts_touching_ranges(existing: Booking, serena: User, session60: Service) -> None:
    # existing blocks 10:00-11:15: one ending at 10:00 and one starting at 11:15 both fit.
    raw_insert(uid="raw-1", practitioner=serena.practitioner, service=session60,
               start=toronto(NEXT_MONDAY, 9), minutes=60)  # fmt: skip
    raw_insert(uid="raw-2", practitioner=serena.practitioner, service=session60,
               start=toronto(NEXT_MONDAY, 11, 15), minutes=45)  # fmt: skip
    assert Booking.objects.active().count() == 3


def test_it_accepts_the_same_time_with_another_practitioner(
    existing: Booking, session60: Service
) -> None:
    other = PractitionerFactory(slug="theo")
    raw_insert(uid="raw-1", practitioner=other, service=session60, start=toronto(NEXT_MONDAY, 10))
    assert Booking.objects.active().count() == 2


def test_it_refuses_an_end_before_the_start(serena: User, session60: Service) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_insert(uid="raw-1", practitioner=serena.practitioner, service=session60,
                   start=toronto(NEXT_MONDAY, 10), minutes=-30)  # fmt: skip


def test_it_uses_the_database_of_the_run() -> None:
    """Documents which guard ran: the suite runs on SQLite by default, PostgreSQL with
    DATABASE_URL."""
    assert connection.vendor in {"sqlite", "postgresql"}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_constraint WHERE conname = 'bookings_booking_no_overlap'"
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'bookings_booking_no_overlap_%'"
            )
        (count,) = cursor.fetchone()
    assert count == (1 if connection.vendor == "postgresql" else 2)
