"""Fixtures for the clinical-record tests: Alice's sessions with Serena (the people are in
tests/personas.py)."""

from __future__ import annotations

import pytest

from craniocare.accounts.models import User
from craniocare.bookings.models import Booking
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from tests.clinical.helpers import session


@pytest.fixture
def alice_client(alice: User) -> Client:
    return Client.objects.get(user=alice)


@pytest.fixture
def alice_session(serena: User, alice_client: Client, session60: Service) -> Booking:
    """Alice's session with Serena yesterday afternoon."""
    return session(serena, alice_client, session60, days_ago=1)
