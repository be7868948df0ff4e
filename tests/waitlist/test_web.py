"""The public waitlist pages end to end: joining from the booking page, the emails at a real SMTP
server (through the outbox), booking through the offer's link, losing it cleanly, leaving, and
bad input that keeps what was typed."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from craniocare.bookings.models import Booking
from craniocare.waitlist.models import Entry, EntryStatus, Offer, OfferStatus
from tests.clock import NEXT_MONDAY, WEDNESDAY
from tests.outbox_helpers import deliver_now
from tests.waitlist.conftest import MONDAY_9, book_directly, join

pytestmark = pytest.mark.django_db

JOIN = {
    "service": "craniosacral-60",
    "tz": "America/Toronto",
    "first_day": NEXT_MONDAY.isoformat(),
    "last_day": (NEXT_MONDAY + timedelta(days=6)).isoformat(),
    "parts_of_day": ["morning"],
    "name": "Alice Martin",
    "email": "alice@example.com",
    "phone": "416-555-0101",
}


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message, name: str) -> str:
    found = re.search(rf"https?://\S+/waitlist/{name}/[^/\s]+/", text_of(message))
    assert found, text_of(message)
    return urlsplit(found.group(0)).path


def test_the_booking_page_offers_the_waitlist(client, clock, service):
    page = client.get(reverse("bookings:book"), {"service": "craniosacral-60"}).content.decode()
    assert "None of these times work?" in page
    assert 'href="/waitlist/?service=craniosacral-60&amp;tz=America/Toronto"' in page
    form = client.get("/waitlist/?service=craniosacral-60&tz=America%2FToronto")
    assert form.status_code == 200
    assert b"Join the waitlist" in form.content


def test_it_books_through_the_link_in_the_offer_email(
    client, clock, service, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("waitlist:join"), JOIN)
    assert response.status_code == 303
    assert response["Location"] == reverse("waitlist:joined")
    deliver_now()
    joined, offered = smtp_server.wait_for(2)
    assert joined["Subject"] == "You are on the waitlist: CranioSacral Therapy, 60 minutes"
    assert "mornings between Monday 8 March and Sunday 14 March 2027" in text_of(joined)
    assert offered["Subject"] == (
        "A time is free for you: CranioSacral Therapy, 60 minutes on Monday 8 March, 9:00 a.m."
    )
    assert "until 12:30\xa0p.m." in text_of(offered)

    offer_path = link_in(offered, "offer")
    page = client.get(offer_path)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert b"Book this time" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        booked = client.post(offer_path)
    assert booked.status_code == 303
    assert booked["Location"].startswith("/bookings/")
    assert client.get(booked["Location"]).status_code == 200
    [booking] = Booking.objects.all()
    assert (booking.start, booking.client_email) == (MONDAY_9, "alice@example.com")
    assert Entry.objects.get().status == EntryStatus.BOOKED
    deliver_now()
    confirmation = smtp_server.wait_for(3)[2]
    assert confirmation["Subject"].startswith("Booked: CranioSacral Therapy, 60 minutes")
    # The link again: booked already, nothing more is booked.
    assert b"This time is booked for you" in client.get(offer_path).content
    assert Booking.objects.count() == 1


def test_a_claim_that_lost_the_race_gets_a_kind_page(client, clock, service):
    from craniocare.waitlist.matcher import waitlist_match
    from craniocare.waitlist.tokens import offer_token_for

    join(service, "Alice Martin")
    waitlist_match()
    offer = Offer.objects.get()
    book_directly(service, "Bob Nguyen")
    response = client.post(reverse("waitlist:offer", args=[offer_token_for(offer.uid)]))
    assert response.status_code == 409
    page = response.content.decode()
    assert "This time was just taken" in page
    assert "You are still on the waitlist" in page
    offer.refresh_from_db()
    assert offer.status == OfferStatus.LOST


def test_an_expired_offer_says_so(client, clock, service):
    from craniocare.waitlist.matcher import waitlist_match
    from craniocare.waitlist.tokens import offer_token_for

    join(service, "Alice Martin")
    waitlist_match()
    url = reverse("waitlist:offer", args=[offer_token_for(Offer.objects.get().uid)])
    clock.shift(timedelta(minutes=31))
    assert b"This offer has ended" in client.get(url).content
    response = client.post(url)
    assert response.status_code == 409
    assert b"passed to the next person" in response.content
    assert Booking.objects.count() == 0


def test_a_wrong_link_is_not_found(client, clock, service):
    assert client.get(reverse("waitlist:offer", args=["not-a-token"])).status_code == 404
    assert client.post(reverse("waitlist:leave", args=["x" * 200])).status_code == 404


def test_the_link_in_the_email_leaves_the_waitlist(
    client, clock, service, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("waitlist:join"), {**JOIN, "parts_of_day": ["evening"]})
    deliver_now()
    [joined] = smtp_server.wait_for(1)
    leave_path = link_in(joined, "leave")
    assert b"Leave the waitlist?" in client.get(leave_path).content
    assert b"You are off the waitlist" in client.post(leave_path).content
    assert Entry.objects.get().status == EntryStatus.LEFT


def test_bad_input_keeps_what_was_typed(client, clock, service):
    response = client.post(
        reverse("waitlist:join"),
        {
            **JOIN,
            "first_day": (NEXT_MONDAY + timedelta(days=3)).isoformat(),
            "last_day": NEXT_MONDAY.isoformat(),
            "parts_of_day": [],
            "window_start": "25:99",
            "email": "alice.example.com",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'value="Alice Martin"' in page
    assert 'value="416-555-0101"' in page
    assert 'value="alice.example.com"' in page
    assert 'value="25:99"' in page
    assert "This does not look like an email address" in page
    assert "Please give a time as hours and minutes" in page
    assert Entry.objects.count() == 0


@pytest.mark.parametrize(
    ("first_day", "last_day", "message"),
    [
        (WEDNESDAY - timedelta(days=1), NEXT_MONDAY, "Please choose today or a later date."),
        (NEXT_MONDAY, NEXT_MONDAY - timedelta(days=1), "cannot be before the first date"),
        (NEXT_MONDAY, WEDNESDAY + timedelta(days=181), "We book up to 180 days ahead"),
        ("2027-02-30", NEXT_MONDAY, "Please"),
    ],
)
def test_it_refuses_dates_outside_the_booking_window(
    client, clock, service, first_day, last_day, message
):
    data = {**JOIN, "first_day": str(first_day), "last_day": str(last_day)}
    response = client.post(reverse("waitlist:join"), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert f'value="{first_day}"' in response.content.decode()
    assert Entry.objects.count() == 0


def test_it_asks_for_a_time_of_day(client, clock, service):
    response = client.post(reverse("waitlist:join"), {**JOIN, "parts_of_day": []})
    assert response.status_code == 422
    assert "Please choose at least one time of day" in response.content.decode()


def test_an_unknown_service_is_not_found(client, clock, service):
    assert client.get(reverse("waitlist:join"), {"service": "nope"}).status_code == 404
