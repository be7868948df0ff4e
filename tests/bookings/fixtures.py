"""Fixtures shared by tests/bookings and tests/api (imported by both conftest files).

The clock: `now` is Wednesday 2027-03-03 12:00 in Toronto (17:00 UTC). `next_monday` is
2027-03-08, a plain EST day (DST starts on 2027-03-14).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from craniocare.accounts.models import Role, User
from craniocare.bookings.models import Source
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import BookingResult, booking_create
from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.scheduling.models import Practitioner

from .factories import PractitionerFactory, ServiceFactory, UserFactory

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2027, 3, 3, 17, 0, tzinfo=UTC)
NEXT_MONDAY = date(2027, 3, 8)


def toronto(day: date, hour: int, minute: int = 0) -> datetime:
    """A local Toronto wall-clock time as an aware datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=TORONTO)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def next_monday() -> date:
    return NEXT_MONDAY


@pytest.fixture
def practice(db: Any) -> PracticeProfile:
    profile = PracticeProfile(name="Serena CranioCare", time_zone="America/Toronto")
    profile.save()
    return profile


@pytest.fixture
def serena(db: Any) -> Practitioner:
    user = UserFactory(
        email="serena@example.com",
        first_name="Serena",
        last_name="Hale",
        role=Role.PRACTITIONER,
        is_staff=True,
    )
    return PractitionerFactory(user=user, slug="serena", display_name="Serena Hale")


@pytest.fixture
def frank(db: Any) -> User:
    return UserFactory(
        email="frank@example.com", first_name="Frank", role=Role.FRONT_DESK, is_staff=True
    )


@pytest.fixture
def alice(db: Any) -> User:
    return UserFactory(email="alice@example.com", first_name="Alice", last_name="Martin")


@pytest.fixture
def bob(db: Any) -> User:
    return UserFactory(email="bob@example.com", first_name="Bob", last_name="Nguyen")


@pytest.fixture
def mallory(db: Any) -> User:
    return UserFactory(email="mallory@example.net", first_name="Mallory")


@pytest.fixture
def session60(serena: Practitioner) -> Service:
    """craniosacral-60 as in the demo: 60 min, 15 min buffer after."""
    return ServiceFactory(
        slug="craniosacral-60", name="CranioSacral Therapy, 60 minutes", practitioners=[serena]
    )


@pytest.fixture
def alice_details() -> ClientDetails:
    return ClientDetails(name="Alice Martin", email="alice@example.com", phone="416-555-0101")


@pytest.fixture
def bob_details() -> ClientDetails:
    return ClientDetails(name="Bob Nguyen", email="bob@example.com")


BookFn = Callable[..., BookingResult]


@pytest.fixture
def book(session60: Service, alice_details: ClientDetails) -> BookFn:
    """booking_create with the usual test defaults (craniosacral-60, alice, now = NOW)."""

    def book(start: datetime, **overrides: Any) -> BookingResult:
        values: dict[str, Any] = {
            "service": session60,
            "start": start,
            "client": alice_details,
            "source": Source.ONLINE,
            "booked_tz": "America/Toronto",
            "now": NOW,
        }
        values.update(overrides)
        return booking_create(**values)

    return book


__all__ = [
    "NEXT_MONDAY",
    "NOW",
    "TORONTO",
    "alice",
    "alice_details",
    "bob",
    "bob_details",
    "book",
    "frank",
    "mallory",
    "next_monday",
    "now",
    "practice",
    "serena",
    "session60",
    "toronto",
]
