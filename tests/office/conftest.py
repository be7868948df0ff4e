"""Fixtures for the back-office tests. The named people (serena, pia, maya, frank, alice, bob,
mallory), `session60` and `office_client(user)` are in tests/personas.py; `book` is in
tests/office/helpers.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from craniocare.accounts.models import User
from craniocare.bookings.models import Booking
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from craniocare.scheduling.models import Practitioner
from tests.clock import MORNING
from tests.factories import give_hours
from tests.office.helpers import book


@pytest.fixture
def alice_booking(serena: User, alice: User, session60: Service) -> Booking:
    """Alice's session with Serena tomorrow."""
    start = (timezone.now() + timedelta(days=1)).replace(microsecond=0, second=0)
    return book(serena, Client.objects.get(user=alice), session60, start)


@pytest.fixture
def wednesday(serena, alice, bob, session60):
    """Serena works her usual hours; the clock stands on a Wednesday morning (tests/clock.py)."""
    give_hours(Practitioner.objects.get(user=serena))
    with time_machine.travel(MORNING, tick=False):
        yield
