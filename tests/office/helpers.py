"""Helpers for the back-office tests."""

from __future__ import annotations

from datetime import datetime

from craniocare.accounts.models import User
from craniocare.bookings.models import Booking
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from tests.factories import BookingFactory


def book(
    practitioner_user: User, client: Client, service: Service, start: datetime, **extra: object
) -> Booking:
    """A confirmed booking row at exactly `start`, written directly (BookingFactory): the office
    tests place sessions in the past, inside the notice period and for a practitioner who does
    not offer the service (another practitioner's client), which the write path refuses."""
    return BookingFactory(
        practitioner=practitioner_user.practitioner,
        service=service,
        client=client,
        start=start,
        **extra,
    )
