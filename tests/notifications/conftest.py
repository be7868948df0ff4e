"""Fixtures for the reminder tests: the practice with its contact details, `book` (the real
`booking_create`, telling the client as a real booking does) and a clock to travel with."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import time_machine

from craniocare.bookings.models import Source
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import BookingResult, booking_create
from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.outbox.sms import ConsoleSmsBackend
from tests.clock import NOW


@pytest.fixture(autouse=True)
def practice_contact(practice: PracticeProfile) -> PracticeProfile:
    practice.email = "hello@serena.example"
    practice.phone = "416-555-0199"
    practice.save()
    return practice


@pytest.fixture(autouse=True)
def _no_texts_yet() -> Iterator[None]:
    ConsoleSmsBackend.sent.clear()
    yield
    ConsoleSmsBackend.sent.clear()


@pytest.fixture
def travel() -> Iterator[time_machine.Coordinates]:
    """The clock, stopped at NOW; `travel.move_to(instant)` moves it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def alice_details() -> ClientDetails:
    return ClientDetails(name="Alice Martin", email="alice@example.com", phone="416-555-0101")


@pytest.fixture
def book(session60: Service, alice_details: ClientDetails) -> Any:
    """booking_create as the public flow calls it, at the travelled clock's time."""

    def book(start: datetime, **overrides: Any) -> BookingResult:
        values: dict[str, Any] = {
            "service": session60,
            "start": start,
            "client": alice_details,
            "source": Source.ONLINE,
            "booked_tz": "America/Toronto",
        }
        values.update(overrides)
        return booking_create(**values)

    return book
