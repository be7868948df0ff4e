"""Offers go out in order of joining, one held time per slot, held for the hold time; an expired
offer passes to the next person; entries close after their last date (time-machine)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from craniocare.bookings.services import booking_cancel, booking_reschedule
from craniocare.core.availability_version import bump_availability, practitioner_scope
from craniocare.outbox.models import Message
from craniocare.outbox.schedule import periodic_jobs
from craniocare.waitlist.matcher import waitlist_match
from craniocare.waitlist.models import EntryStatus, Offer, OfferStatus
from craniocare.waitlist.services import entry_leave, offer_claim
from tests.clock import NEXT_MONDAY, NOW, toronto
from tests.factories import give_hours
from tests.waitlist.conftest import MONDAY_9, book_directly, join

pytestmark = pytest.mark.django_db


def held() -> list[Offer]:
    return list(Offer.objects.filter(status=OfferStatus.HELD).select_related("entry"))


def test_it_offers_a_freed_time_to_the_first_to_join(clock, service):
    taken = book_directly(service, "Bob Nguyen")
    alice = join(service, "Alice Martin")
    join(service, "Carol Diaz")
    assert waitlist_match() == 0  # nothing is free yet
    booking_cancel(booking=taken, by_client=False, notify=False)
    assert waitlist_match() == 1
    [offer] = held()
    assert offer.entry == alice
    assert offer.start == MONDAY_9
    assert offer.expires_at == NOW + timedelta(minutes=30)
    assert Message.objects.filter(kind="waitlist_offer", recipients=["alice@example.com"]).exists()


def test_it_holds_the_time_until_the_offer_expires_then_offers_the_next(clock, service):
    alice = join(service, "Alice Martin")
    carol = join(service, "Carol Diaz")
    waitlist_match()
    assert [offer.entry for offer in held()] == [alice]
    clock.shift(timedelta(minutes=29))
    assert waitlist_match() == 0  # still held for alice: carol is not offered it
    assert [offer.entry for offer in held()] == [alice]
    clock.shift(timedelta(minutes=1))
    assert waitlist_match() == 1
    assert [offer.entry for offer in held()] == [carol]
    first = Offer.objects.get(entry=alice)
    assert first.status == OfferStatus.EXPIRED
    alice.refresh_from_db()
    assert alice.status == EntryStatus.WAITING  # still waiting for other times
    # Carol lets it pass too: it is not offered to alice again, nor to carol.
    clock.shift(timedelta(minutes=30))
    assert waitlist_match() == 0
    assert held() == []


def test_the_hold_time_is_a_setting(clock, service, settings):
    settings.WAITLIST_HOLD_MINUTES = 45
    join(service, "Alice Martin")
    waitlist_match()
    assert held()[0].expires_at == NOW + timedelta(minutes=45)


def test_it_offers_a_time_only_to_those_who_want_it(clock, service):
    afternoons = join(service, "Dana Afternoon", parts=("afternoon",))
    other_week = join(
        service,
        "Erin Later",
        first_day=NEXT_MONDAY + timedelta(days=7),
        last_day=NEXT_MONDAY + timedelta(days=7),
    )
    window = join(
        service,
        "Fay Window",
        parts=(),
        window_start=toronto(NEXT_MONDAY, 8).time(),
        window_end=toronto(NEXT_MONDAY, 10).time(),
    )
    waitlist_match()
    assert {offer.entry for offer in held()} == {other_week, window}
    assert not Offer.objects.filter(entry=afternoons).exists()


def test_each_slot_is_held_for_one_person_and_each_person_holds_one(clock, service):
    alice = join(service, "Alice Martin", last_day=NEXT_MONDAY + timedelta(days=7))
    carol = join(service, "Carol Diaz", last_day=NEXT_MONDAY + timedelta(days=7))
    waitlist_match()
    offers = {offer.entry: offer.start for offer in held()}
    assert offers == {alice: MONDAY_9, carol: MONDAY_9 + timedelta(days=7)}
    assert waitlist_match() == 0


def test_a_claim_books_through_the_write_path_and_closes_the_entry(clock, service):
    alice = join(service, "Alice Martin")
    waitlist_match()
    [offer] = held()
    result = offer_claim(offer=offer)
    assert result.outcome == "booked"
    assert result.booking is not None and result.booking.start == MONDAY_9
    assert result.booking.client_email == "alice@example.com"
    alice.refresh_from_db()
    assert alice.status == EntryStatus.BOOKED and alice.booking == result.booking
    # A second click books nothing more and answers with the same booking.
    again = offer_claim(offer=offer)
    assert again.outcome == "booked" and again.booking == result.booking


def test_a_claim_after_the_hold_is_refused_and_passes_the_time_on(clock, service):
    join(service, "Alice Martin")
    carol = join(service, "Carol Diaz")
    waitlist_match()
    [offer] = held()
    clock.shift(timedelta(minutes=31))
    assert offer_claim(offer=offer).outcome == "expired"
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED
    waitlist_match()
    assert [o.entry for o in held()] == [carol]


def test_a_claim_loses_cleanly_to_a_direct_booking(clock, service):
    alice = join(service, "Alice Martin", last_day=NEXT_MONDAY + timedelta(days=7))
    waitlist_match()
    [offer] = held()
    book_directly(service, "Bob Nguyen")  # anyone can still book the time directly
    assert offer_claim(offer=offer).outcome == "taken"
    offer.refresh_from_db()
    alice.refresh_from_db()
    assert offer.status == OfferStatus.LOST
    assert alice.status == EntryStatus.WAITING
    waitlist_match()  # the next matching time goes to her
    assert [(o.entry, o.start) for o in held()] == [(alice, MONDAY_9 + timedelta(days=7))]


def test_leaving_withdraws_the_held_offer_for_the_next_person(clock, service):
    alice = join(service, "Alice Martin")
    carol = join(service, "Carol Diaz")
    waitlist_match()
    assert entry_leave(entry=alice)
    assert Offer.objects.get(entry=alice).status == OfferStatus.WITHDRAWN
    waitlist_match()
    assert [o.entry for o in held()] == [carol]


def test_entries_close_after_their_last_date(clock, service):
    taken = book_directly(service, "Bob Nguyen")
    alice = join(service, "Alice Martin")
    clock.move_to(toronto(NEXT_MONDAY, 23, 59))
    waitlist_match()
    alice.refresh_from_db()
    assert alice.status == EntryStatus.WAITING
    clock.move_to(toronto(NEXT_MONDAY + timedelta(days=1), 0, 1))
    waitlist_match()
    alice.refresh_from_db()
    assert alice.status == EntryStatus.EXPIRED
    assert taken.status == "confirmed"


def test_a_cancellation_offers_the_time_after_it_commits(
    clock, service, django_capture_on_commit_callbacks
):
    taken = book_directly(service, "Bob Nguyen")
    alice = join(service, "Alice Martin")
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=taken, by_client=False)
    assert [o.entry for o in held()] == [alice]


def test_a_move_offers_the_old_time(clock, service, django_capture_on_commit_callbacks):
    taken = book_directly(service, "Bob Nguyen")
    alice = join(service, "Alice Martin")
    with django_capture_on_commit_callbacks(execute=True):
        booking_reschedule(booking=taken, new_start=MONDAY_9 + timedelta(days=7), by_client=False)
    assert [(o.entry, o.start) for o in held()] == [(alice, MONDAY_9)]


def test_new_hours_are_found_by_the_periodic_run(clock, service, serena_monday):
    alice = join(
        service,
        "Alice Martin",
        first_day=NEXT_MONDAY + timedelta(days=1),
        last_day=NEXT_MONDAY + timedelta(days=1),
    )
    assert waitlist_match() == 0
    # New hours on Tuesday (written directly, so the version is bumped as the write path does).
    give_hours(serena_monday.practitioner, weekdays=[1], spans=[(time(10), time(11))])
    bump_availability(practitioner_scope(serena_monday.practitioner.pk))
    [job] = [job for job in periodic_jobs() if job.name == "waitlist"]
    assert job.run() == 1
    assert [o.entry for o in held()] == [alice]
