"""The practice the waitlist tests run on (the suite's clock: Wednesday 3 March 2027, 12:00 in
Toronto): serena offers a 60-minute session and works one hour a week, Mondays 09:00-10:00, so
the only time on a Monday is 09:00 and a week has exactly one slot."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from craniocare.accounts.models import User
from craniocare.bookings.models import Booking
from craniocare.bookings.requests import ClientDetails
from craniocare.catalog.models import Service
from craniocare.waitlist.models import Entry
from craniocare.waitlist.services import entry_join
from tests.clock import NEXT_MONDAY, toronto
from tests.factories import ServiceFactory, create_booking
from tests.personas import practitioner_user

MONDAY_9 = toronto(NEXT_MONDAY, 9)


@pytest.fixture
def serena_monday(practice: Any) -> User:
    return practitioner_user(
        "serena", "Serena", "Hale", hours=[(time(9), time(10))], hours__weekdays=[0]
    )


@pytest.fixture
def service(serena_monday: User) -> Service:
    return ServiceFactory(
        slug="craniosacral-60",
        name="CranioSacral Therapy, 60 minutes",
        practitioners=[serena_monday.practitioner],
    )


def join(
    service: Service,
    name: str,
    *,
    first_day: date = NEXT_MONDAY,
    last_day: date = NEXT_MONDAY,
    parts: tuple[str, ...] = ("morning",),
    **extra: Any,
) -> Entry:
    email = name.split()[0].lower() + "@example.com"
    return entry_join(
        service=service,
        first_day=first_day,
        last_day=last_day,
        tz="America/Toronto",
        parts_of_day=list(parts),
        name=name,
        email=email,
        **extra,
    )


def book_directly(service: Service, name: str, start: Any = MONDAY_9) -> Booking:
    email = name.split()[0].lower() + "@example.com"
    return create_booking(
        service=service, start=start, client=ClientDetails(name=name, email=email)
    ).booking
