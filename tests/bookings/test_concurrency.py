"""Real threads racing for one slot: exactly one booking, every other attempt a clean
SlotUnavailable, no other error (DESIGN.md rule 3 and §5). Runs on whichever database is
configured: the file-backed SQLite test DB by default, PostgreSQL with DATABASE_URL.

PostgreSQL refuses connections beyond max_connections (100 by default, and this test's own
connection counts), and each thread needs one. There, all 100 attempts still start together at a
barrier, but spread over as many threads as the server has free connections (all 100 when it has
room); the counts asserted are the same.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from django.db import connection

from craniocare.bookings.errors import SlotUnavailable
from craniocare.bookings.models import Booking, Source
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import booking_create
from craniocare.catalog.models import Service
from craniocare.scheduling.models import Practitioner
from tests.clock import NEXT_MONDAY, NOW, toronto
from tests.factories import PractitionerFactory, ServiceFactory, UserFactory

ATTEMPTS = 100


def _free_connections() -> int:
    if connection.vendor != "postgresql":
        return ATTEMPTS
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int - count(*) "
            "FROM pg_stat_activity WHERE backend_type = 'client backend'"
        )
        (free,) = cursor.fetchone()
    return max(2, int(free) - 3)  # a little room for anything else connecting meanwhile


def race(attempt: Callable[[int], str], attempts: int = ATTEMPTS) -> Counter[str]:
    """Runs attempt(0..attempts-1) from real threads released together by a barrier."""
    threads = min(attempts, _free_connections())
    barrier = threading.Barrier(threads)
    share = [list(range(n, attempts, threads)) for n in range(threads)]

    def worker(numbers: list[int]) -> list[str]:
        outcomes = []
        try:
            barrier.wait(timeout=60)
            for number in numbers:
                try:
                    outcomes.append(attempt(number))
                except SlotUnavailable:
                    outcomes.append("taken")
                except Exception as error:  # counted, and the test fails on it
                    outcomes.append(f"error: {type(error).__name__}: {error}")
        finally:
            connection.close()  # each thread has its own connection
        return outcomes

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(worker, share))
    return Counter(outcome for outcomes in results for outcome in outcomes)


@pytest.fixture
def contested(db: None) -> tuple[Practitioner, Service]:
    user = UserFactory(email="serena@example.com", role="practitioner", is_staff=True)
    serena = PractitionerFactory(user=user, slug="serena")
    return serena, ServiceFactory(slug="craniosacral-60", practitioners=[serena])


def _attempt(service: Service, start: datetime, **extra: object) -> Callable[[int], str]:
    def attempt(number: int) -> str:
        booking_create(
            service=service,
            start=start,
            client=ClientDetails(name=f"Client {number}", email=f"c{number}@example.com"),
            source=Source.API,
            booked_tz="America/Toronto",
            now=NOW,
            **extra,  # type: ignore[arg-type]
        )
        return "booked"

    return attempt


@pytest.mark.django_db(transaction=True)
def test_it_books_a_contested_slot_exactly_once(contested: tuple[Practitioner, Service]) -> None:
    _, service = contested
    results = race(_attempt(service, toronto(NEXT_MONDAY, 10)))
    assert results == Counter({"booked": 1, "taken": ATTEMPTS - 1})
    assert Booking.objects.active().count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_books_exactly_one_of_overlapping_slots(
    contested: tuple[Practitioner, Service],
) -> None:
    """Starts 10:00 and 10:30 of a 60-minute service overlap: only one of them can be held."""
    _, service = contested
    early, late = (
        _attempt(service, toronto(NEXT_MONDAY, 10)),
        _attempt(service, toronto(NEXT_MONDAY, 10, 30)),
    )
    results = race(lambda n: early(n) if n % 2 else late(n))
    assert results == Counter({"booked": 1, "taken": ATTEMPTS - 1})
    assert Booking.objects.active().count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_books_a_named_practitioner_exactly_once(
    contested: tuple[Practitioner, Service],
) -> None:
    serena, service = contested
    results = race(_attempt(service, toronto(NEXT_MONDAY, 14), practitioner=serena))
    assert results == Counter({"booked": 1, "taken": ATTEMPTS - 1})


@pytest.mark.django_db(transaction=True)
def test_it_books_once_for_concurrent_retries_with_one_idempotency_key(
    contested: tuple[Practitioner, Service],
) -> None:
    """Twenty retries of one request at once: one booking, and every retry gets it."""
    _, service = contested
    uids: list[str] = []

    def retry(number: int) -> str:
        result = booking_create(
            service=service,
            start=toronto(NEXT_MONDAY, 10),
            client=ClientDetails(name="Alice Martin", email="alice@example.com"),
            source=Source.API,
            booked_tz="America/Toronto",
            idempotency_key="one-request",
            now=NOW,
        )
        uids.append(result.booking.uid)
        return "booked"

    results = race(retry, attempts=20)
    assert results == Counter({"booked": 20})
    assert len(set(uids)) == 1
    assert Booking.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_books_once_when_only_the_database_guards(
    contested: tuple[Practitioner, Service], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the row lock and the recomputed slot switched off, the exclusion constraint (or the
    trigger) alone still lets exactly one of the racing inserts through, and the losers still
    get a clean SlotUnavailable."""
    monkeypatch.setattr("craniocare.bookings.services._lock", lambda practitioner: None)
    monkeypatch.setattr("craniocare.bookings.services._fits", lambda **kwargs: True)
    _, service = contested
    results = race(_attempt(service, toronto(NEXT_MONDAY, 10)))
    assert results == Counter({"booked": 1, "taken": ATTEMPTS - 1})
    assert Booking.objects.active().count() == 1
