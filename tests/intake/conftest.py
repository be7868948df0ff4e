"""The intake tests use the office's fixtures (alice_booking) and its signed-in clients, and
a jaw session that needs the intraoral consent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from craniocare.clients.models import Client
from tests.factories import ServiceFactory
from tests.office.conftest import alice_booking
from tests.office.helpers import book

__all__ = ["alice_booking"]


@pytest.fixture
def jaw(serena):
    return ServiceFactory(
        slug="jaw-tmj-60",
        name="Jaw and TMJ release, 60 minutes",
        consents_required=["intraoral"],
        practitioners=[serena.practitioner],
    )


@pytest.fixture
def alice_client(alice):
    return Client.objects.get(user=alice)


@pytest.fixture
def jaw_booking(serena, alice_client, jaw):
    start = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    return book(serena, alice_client, jaw, start)
