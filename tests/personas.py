"""The named people of the suite (DESIGN.md §5), as pytest fixtures registered for every test
by tests/conftest.py.

- `serena`: practitioner (a staff User); her Practitioner row is `serena.practitioner`
  (slug `serena`, the demo's weekly hours, Mon-Fri 09:00-12:00 and 13:00-17:00 Toronto).
- `pia`: the second practitioner (`pia.practitioner`, slug `pia`), and `maya`, a third one for
  "another practitioner's client" checks; both with the same weekly hours as serena.
- `frank`: front desk (staff, no Practitioner row).
- `alice`, `bob`: clients, each a sign-in with a Client record (`Client.objects.get(user=alice)`);
  `alice_signin` is alice before her first booking (no Client record yet).
- `mallory`: a client sign-in related to nothing: the outsider.

Everyone has the password `tests.signin.PASSWORD`. They all belong to `practice`, the practice
profile ("Serena CranioCare", America/Toronto). `session60` is the demo's `craniosacral-60`,
offered by serena. `office_client(user)` is a test client signed in the real way (password,
then a TOTP code).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client as DjangoClient

from craniocare.accounts.models import Role, User
from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from tests.factories import (
    ClientFactory,
    PracticeProfileFactory,
    PractitionerFactory,
    ServiceFactory,
    UserFactory,
)
from tests.signin import PASSWORD, sign_in_with_mfa


def _hashed_password() -> str:
    return make_password(PASSWORD)


def staff_user(email: str, first_name: str, last_name: str, role: str) -> User:
    return UserFactory(
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        is_staff=True,
        password=_hashed_password(),
    )


def practitioner_user(
    slug: str, first_name: str, last_name: str, position: int = 0, **practitioner: Any
) -> User:
    """A practitioner's sign-in and Practitioner row (`user.practitioner`), with the demo's
    hours unless `hours` says otherwise (see PractitionerFactory)."""
    user = staff_user(f"{slug}@example.com", first_name, last_name, Role.PRACTITIONER)
    PractitionerFactory(
        user=user,
        slug=slug,
        display_name=f"{first_name} {last_name}",
        position=position,
        **practitioner,
    )
    return user


def client_user(email: str, name: str, *, record: bool = True, phone: str = "") -> User:
    """A client's sign-in; with `record`, their Client record too."""
    first, last = name.split()[0], name.split()[-1]
    user = UserFactory(email=email, first_name=first, last_name=last, password=_hashed_password())
    if record:
        ClientFactory(email=email, name=name, phone=phone, user=user)
    return user


@pytest.fixture
def practice(db: Any) -> PracticeProfile:
    return PracticeProfileFactory()


@pytest.fixture
def serena(practice: PracticeProfile) -> User:
    return practitioner_user("serena", "Serena", "Hale")


@pytest.fixture
def pia(practice: PracticeProfile) -> User:
    return practitioner_user("pia", "Pia", "Lindqvist", position=1)


@pytest.fixture
def maya(practice: PracticeProfile) -> User:
    return practitioner_user("maya", "Maya", "Okafor", position=1)


@pytest.fixture
def frank(practice: PracticeProfile) -> User:
    return staff_user("frank@example.com", "Frank", "Hale", Role.FRONT_DESK)


@pytest.fixture
def alice(practice: PracticeProfile) -> User:
    return client_user("alice@example.com", "Alice Martin", phone="416-555-0101")


@pytest.fixture
def alice_signin(practice: PracticeProfile) -> User:
    """alice before her first booking: a sign-in, no Client record yet."""
    return client_user("alice@example.com", "Alice Martin", record=False)


@pytest.fixture
def bob(practice: PracticeProfile) -> User:
    return client_user("bob@example.com", "Bob Nguyen")


@pytest.fixture
def mallory(practice: PracticeProfile) -> User:
    return client_user("mallory@example.net", "Mallory Moss", record=False)


@pytest.fixture
def session60(serena: User) -> Service:
    """craniosacral-60 as in the demo (60 min, 15 min buffer after), offered by serena."""
    return ServiceFactory(
        slug="craniosacral-60",
        name="CranioSacral Therapy, 60 minutes",
        practitioners=[serena.practitioner],
    )


@pytest.fixture
def office_client() -> Callable[[User], DjangoClient]:
    """A new test client with `user` signed in through password and TOTP."""

    def make(user: User) -> DjangoClient:
        return sign_in_with_mfa(DjangoClient(), user, PASSWORD)

    return make
