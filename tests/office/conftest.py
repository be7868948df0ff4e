"""Fixtures for the back-office tests.

Named users: serena (practitioner, with a Practitioner row), frank (front desk), alice and bob
(clients with a sign-in and a Client record), mallory (a client sign-in with no relation to
anything), maya (a second practitioner, for "another practitioner's client" checks), pia (the
demo's second practitioner, with a service of her own).

`office_client(user)` gives a test client signed in the real way: password, then a TOTP code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as DjangoClient
from django.utils import timezone

from craniocare.accounts.models import Role, User
from craniocare.bookings.models import Booking
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from craniocare.core.models import PracticeProfile
from craniocare.scheduling.models import Practitioner
from tests.bookings.factories import (
    BookingFactory,
    ClientFactory,
    PractitionerFactory,
    ServiceFactory,
    UserFactory,
)
from tests.signin import PASSWORD, set_password, sign_in_with_mfa


@pytest.fixture
def practice(db: Any) -> PracticeProfile:
    profile = PracticeProfile(name="Serena CranioCare", time_zone="America/Toronto")
    profile.save()
    return profile


def _staff(email: str, first_name: str, role: str) -> User:
    user = UserFactory(email=email, first_name=first_name, last_name="Hale", role=role)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    set_password(user)
    return user


@pytest.fixture
def serena(practice: PracticeProfile) -> User:
    user = _staff("serena@example.com", "Serena", Role.PRACTITIONER)
    PractitionerFactory(user=user, slug="serena", display_name="Serena Hale")
    return user


@pytest.fixture
def maya(practice: PracticeProfile) -> User:
    user = _staff("maya@example.com", "Maya", Role.PRACTITIONER)
    PractitionerFactory(user=user, slug="maya", display_name="Maya Okafor", position=1)
    return user


@pytest.fixture
def pia(practice: PracticeProfile) -> User:
    user = _staff("pia@example.com", "Pia", Role.PRACTITIONER)
    PractitionerFactory(user=user, slug="pia", display_name="Pia Lindqvist", position=1)
    return user


@pytest.fixture
def frank(practice: PracticeProfile) -> User:
    return _staff("frank@example.com", "Frank", Role.FRONT_DESK)


def _client_user(email: str, name: str) -> User:
    user = UserFactory(email=email, first_name=name.split()[0], last_name=name.split()[-1])
    set_password(user)
    return user


@pytest.fixture
def alice(practice: PracticeProfile) -> User:
    user = _client_user("alice@example.com", "Alice Martin")
    ClientFactory(email=user.email, name="Alice Martin", phone="416-555-0101", user=user)
    return user


@pytest.fixture
def bob(practice: PracticeProfile) -> User:
    user = _client_user("bob@example.com", "Bob Nguyen")
    ClientFactory(email=user.email, name="Bob Nguyen", user=user)
    return user


@pytest.fixture
def mallory(practice: PracticeProfile) -> User:
    return _client_user("mallory@example.net", "Mallory Moss")


@pytest.fixture
def session60(serena: User) -> Service:
    return ServiceFactory(
        slug="craniosacral-60",
        name="CranioSacral Therapy, 60 minutes",
        practitioners=[Practitioner.objects.get(user=serena)],
    )


def book(
    practitioner_user: User, client: Client, service: Service, start: Any, **extra: Any
) -> Booking:
    """A booking row for tests (written directly, as in tests/bookings/factories.py)."""
    return BookingFactory(
        practitioner=Practitioner.objects.get(user=practitioner_user),
        service=service,
        client=client,
        start=start,
        **extra,
    )


@pytest.fixture
def alice_booking(serena: User, alice: User, session60: Service) -> Booking:
    """Alice's session with Serena tomorrow."""
    start = (timezone.now() + timedelta(days=1)).replace(microsecond=0, second=0)
    return book(serena, Client.objects.get(user=alice), session60, start)


@pytest.fixture
def office_client() -> Callable[[User], DjangoClient]:
    """A new test client with `user` signed in through password and TOTP."""

    def make(user: User) -> DjangoClient:
        return sign_in_with_mfa(DjangoClient(), user, PASSWORD)

    return make
