"""A claim through an offer's link and a direct booking of the same time, from real threads
released together: exactly one booking, and the loser gets a clean answer (the claim: "taken",
the entry still waiting; the direct booking: SlotUnavailable). Runs on the file-backed SQLite
test database by default, on PostgreSQL with DATABASE_URL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection

from craniocare.bookings.errors import SlotUnavailable
from craniocare.bookings.models import Booking
from craniocare.waitlist.models import EntryStatus, Offer, OfferStatus
from craniocare.waitlist.services import offer_claim
from tests.clock import NEXT_MONDAY
from tests.waitlist.conftest import MONDAY_9, book_directly, join

ROUNDS = 4


def together(*calls: Callable[[], str]) -> list[str]:
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], str]) -> str:
        try:
            barrier.wait(timeout=30)
            return call()
        except SlotUnavailable:
            return "taken"
        except Exception as error:  # counted, and the test fails on it
            return f"error: {type(error).__name__}: {error}"
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.mark.django_db(transaction=True)
def test_a_claim_and_a_direct_booking_never_both_get_the_time(clock, service):
    entries = [
        join(
            service,
            f"Waiting{week} Person",
            first_day=NEXT_MONDAY + timedelta(days=7 * week),
            last_day=NEXT_MONDAY + timedelta(days=7 * week),
        )
        for week in range(ROUNDS)
    ]
    # Joining queued a matching run after each commit: every entry holds its Monday.
    offers = {offer.entry_id: offer for offer in Offer.objects.filter(status=OfferStatus.HELD)}
    assert set(offers) == {entry.pk for entry in entries}

    for week, entry in enumerate(entries):
        start = MONDAY_9 + timedelta(days=7 * week)
        offer = offers[entry.pk]

        def claim(offer: Offer = offer) -> str:
            return offer_claim(offer=offer).outcome

        def direct(week: int = week, start: object = start) -> str:
            book_directly(service, f"Direct{week} Booker", start=start)
            return "booked"

        claim_result, direct_result = together(claim, direct)
        assert {claim_result, direct_result} == {"booked", "taken"}, (claim_result, direct_result)
        assert Booking.objects.active().filter(start=start).count() == 1
        entry.refresh_from_db()
        offer.refresh_from_db()
        if claim_result == "booked":
            assert entry.status == EntryStatus.BOOKED
            assert offer.status == OfferStatus.CLAIMED
        else:
            assert entry.status == EntryStatus.WAITING
            assert offer.status == OfferStatus.LOST
    assert Booking.objects.active().count() == ROUNDS
