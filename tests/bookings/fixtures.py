"""Fixtures shared by tests/bookings and tests/api (both conftests import them): the clients'
details and `book`, `booking_create` with the usual test defaults. The people are in
tests/personas.py, the clock (`NOW`, `NEXT_MONDAY`, `toronto`) in tests/clock.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from craniocare.bookings.models import Source
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import BookingResult, booking_create
from craniocare.catalog.models import Service
from tests.clock import NOW


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


__all__ = ["BookFn", "alice_details", "bob_details", "book"]
