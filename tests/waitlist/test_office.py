"""The office's Waitlist: per service, in order, with the offers; a time offered by hand (from
the engine's free times) and removal. Practitioners and the front desk both use it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from craniocare.outbox.models import Message
from craniocare.waitlist.matcher import waitlist_match
from craniocare.waitlist.models import EntryStatus, Offer, OfferStatus
from craniocare.waitlist.tokens import offer_token_for
from tests.clock import NEXT_MONDAY
from tests.personas import staff_user
from tests.waitlist.conftest import MONDAY_9, book_directly, join

pytestmark = pytest.mark.django_db

TWO_WEEKS = NEXT_MONDAY + timedelta(days=7)


@pytest.fixture
def frank(practice):
    return staff_user("frank@example.com", "Frank", "Hale", "front_desk")


def page_of(client, service) -> str:
    response = client.get(reverse("office:waitlist_service", args=[service.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_front_desk_sees_the_waitlist_in_order_with_its_offers(
    office_client, clock, service, frank
):
    alice = join(service, "Alice Martin")
    join(service, "Carol Diaz", last_day=TWO_WEEKS, phone="416-555-0199")
    book_directly(service, "Bob Nguyen", start=MONDAY_9 + timedelta(days=7))
    waitlist_match()
    client = office_client(frank)
    listing = client.get(reverse("office:waitlist")).content.decode()
    assert "CranioSacral Therapy, 60 minutes" in listing
    assert "2 waiting · 1 offer held now" in listing
    page = page_of(client, service)
    assert page.index("Alice Martin") < page.index("Carol Diaz")
    assert "416-555-0199" in page
    assert "Mon 8 Mar, 9:00 with Serena Hale: held for them until 12:30" in page
    assert Offer.objects.get().entry == alice
    assert 'href="/office/waitlist/"' in client.get(reverse("office:today")).content.decode()


def test_the_practitioner_offers_a_time_by_hand(office_client, clock, service, serena_monday):
    join(service, "Alice Martin", last_day=TWO_WEEKS)
    carol = join(service, "Carol Diaz", last_day=TWO_WEEKS)
    waitlist_match()  # alice holds Monday 8, carol Monday 15
    client = office_client(serena_monday)
    page = page_of(client, service)
    later = MONDAY_9 + timedelta(days=14)
    # Monday 22 March is free but outside both entries' dates: offered on neither list.
    assert "Monday 22 March" not in page
    carol.last_day = NEXT_MONDAY + timedelta(days=14)
    carol.save()
    page = page_of(client, service)
    # 09:00 in Toronto is 13:00 UTC after the clocks went forward on 14 March.
    value = f"2027-03-22T13:00:00Z|{serena_monday.practitioner.pk}"
    assert f'value="{value}"' in page
    response = client.post(reverse("office:waitlist_offer", args=[carol.pk]), {"slot": value})
    assert response.status_code == 302
    [offer] = Offer.objects.filter(entry=carol, status=OfferStatus.HELD)
    assert (offer.start, offer.by_hand) == (later, True)
    # Her earlier offer is withdrawn: one held offer per person.
    assert Offer.objects.filter(entry=carol, status=OfferStatus.WITHDRAWN).count() == 1
    assert (
        Message.objects.filter(kind="waitlist_offer", recipients=["carol@example.com"]).count() == 2
    )
    assert offer_token_for(offer.uid) not in page_of(client, service)


def test_it_refuses_to_offer_a_time_that_is_not_free(office_client, clock, service, serena_monday):
    alice = join(service, "Alice Martin", last_day=TWO_WEEKS)
    client = office_client(serena_monday)
    value = f"2027-03-08T14:00:00Z|{serena_monday.practitioner.pk}"
    book_directly(service, "Bob Nguyen")
    response = client.post(
        reverse("office:waitlist_offer", args=[alice.pk]), {"slot": value}, follow=True
    )
    assert "That time is no longer free" in response.content.decode()
    assert not Offer.objects.exists()
    bad = client.post(reverse("office:waitlist_offer", args=[alice.pk]), {"slot": "tomorrow"})
    assert bad.status_code == 400
    assert "Please choose one of the free times" in bad.content.decode()


def test_removing_an_entry_passes_its_offer_on(office_client, clock, service, frank):
    alice = join(service, "Alice Martin")
    carol = join(service, "Carol Diaz")
    waitlist_match()
    response = office_client(frank).post(reverse("office:waitlist_remove", args=[alice.pk]))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.status == EntryStatus.REMOVED
    waitlist_match()
    assert Offer.objects.get(status=OfferStatus.HELD).entry == carol


def test_clients_and_strangers_never_see_it(client, clock, service, mallory):
    entry = join(service, "Alice Martin")
    client.force_login(mallory)
    assert client.get(reverse("office:waitlist_service", args=[service.pk])).status_code == 404
    assert client.post(reverse("office:waitlist_remove", args=[entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WAITING
