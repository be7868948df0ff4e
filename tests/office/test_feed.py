"""The practitioner's secret-URL calendar feed."""

from __future__ import annotations

import re
from datetime import UTC, timedelta

import pytest
from django.conf import settings
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from craniocare.bookings.feed import initials
from craniocare.bookings.models import CalendarFeed, Status
from craniocare.clients.models import Client
from tests.office.helpers import book

pytestmark = pytest.mark.django_db


def make_feed_url(office_client, user) -> str:
    html = office_client(user).post(reverse("office:feed"), {"confirm": "yes"}).content.decode()
    match = re.search(r">(http://testserver/calendar-feed/[^<]+\.ics)</textarea>", html)
    assert match, html
    return match.group(1).removeprefix("http://testserver")


@pytest.fixture
def sessions(serena, alice, bob, session60):
    soon = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    alice_client = Client.objects.get(user=alice)
    bob_client = Client.objects.get(user=bob)
    kept = book(serena, alice_client, session60, soon, notes="Jaw pain and migraines.")
    gone = book(
        serena,
        bob_client,
        session60,
        soon + timedelta(hours=3),
        status=Status.CANCELLED,
        cancellation_reason="Flu",
    )
    return kept, gone


def test_it_serves_a_feed_that_parses_with_icalendar(office_client, serena, sessions):
    kept, gone = sessions
    url = make_feed_url(office_client, serena)
    response = DjangoClient().get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(events) == {
        f"{kept.uid}@{settings.CALENDAR_UID_DOMAIN}",
        f"{gone.uid}@{settings.CALENDAR_UID_DOMAIN}",
    }
    event = events[f"{kept.uid}@{settings.CALENDAR_UID_DOMAIN}"]
    assert event.decoded("DTSTART") == kept.start.astimezone(UTC)
    assert event.decoded("DTEND") == kept.end.astimezone(UTC)
    assert event.decoded("DTSTART").tzinfo is not None
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(events[f"{gone.uid}@{settings.CALENDAR_UID_DOMAIN}"]["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "CranioSacral Therapy, 60 minutes: A.M."


def test_it_keeps_the_uid_stable_across_fetches(office_client, serena, sessions):
    url = make_feed_url(office_client, serena)
    first = DjangoClient().get(url).content
    second = DjangoClient().get(url).content
    uids = [re.findall(rb"UID:(\S+)", body) for body in (first, second)]
    assert uids[0] == uids[1] and len(uids[0]) == 2


def test_it_holds_no_health_data_only_initials(office_client, serena, sessions):
    url = make_feed_url(office_client, serena)
    body = DjangoClient().get(url).content.decode()
    for secret in ("Jaw pain", "migraines", "Flu", "Alice", "Martin", "Bob", "alice@", "416-555"):
        assert secret.lower() not in body.lower()
    assert "A.M." in body and "B.N." in body


def test_it_stores_only_a_hash_of_the_token(office_client, serena, sessions):
    url = make_feed_url(office_client, serena)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarFeed.objects.get()
    assert token not in stored.token_hash and len(stored.token_hash) == 64


def test_it_stops_working_after_reset(office_client, serena, sessions):
    client = office_client(serena)
    first = make_feed_url(lambda user: client, serena)
    assert DjangoClient().get(first).status_code == 200
    second = make_feed_url(lambda user: client, serena)
    assert first != second
    assert DjangoClient().get(first).status_code == 404
    assert DjangoClient().get(second).status_code == 200


def test_it_answers_404_for_an_unknown_token(db):
    assert DjangoClient().get("/calendar-feed/not-a-token.ics").status_code == 404


def test_it_keeps_the_feed_page_from_front_desk(office_client, frank):
    assert office_client(frank).post(reverse("office:feed")).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_it_writes_initials_never_names():
    assert initials("Alice Martin") == "A.M."
    assert initials("  ") == "Client"
    assert initials("Jean-Luc de la Tour Picard") == "J.D.L."


def test_it_leaves_other_practitioners_bookings_out(office_client, serena, maya, alice, sessions):
    from craniocare.scheduling.models import Practitioner
    from tests.factories import ServiceFactory

    service = ServiceFactory(slug="maya-60", practitioners=[Practitioner.objects.get(user=maya)])
    theirs = book(maya, Client.objects.get(user=alice), service, timezone.now() + timedelta(days=3))
    body = DjangoClient().get(make_feed_url(office_client, serena)).content.decode()
    assert theirs.uid not in body


def test_it_gives_the_same_uids_whatever_the_host_and_as_in_the_invitation(
    office_client, serena, sessions, smtp_server
):
    from django.db import transaction

    from craniocare.bookings.emails import queue_booking_emails
    from tests.booking_web.helpers import calendar_event, mail_to
    from tests.outbox_helpers import deliver_now

    kept, _ = sessions
    url = make_feed_url(office_client, serena)
    uids = []
    for host in ("127.0.0.1", "localhost"):
        response = DjangoClient().get(url, HTTP_HOST=host)
        assert response.status_code == 200
        uids.append(
            sorted(str(e["UID"]) for e in Calendar.from_ical(response.content).walk("VEVENT"))
        )
    assert uids[0] == uids[1]
    with transaction.atomic():
        queue_booking_emails(kept, "created")
    deliver_now()
    (message,) = mail_to(smtp_server, kept.client_email)
    _, invitation = calendar_event(message)
    assert str(invitation["UID"]) in uids[0]
    feed_event = next(
        e
        for e in Calendar.from_ical(DjangoClient().get(url).content).walk("VEVENT")
        if str(e["UID"]) == str(invitation["UID"])
    )
    assert int(feed_event["SEQUENCE"]) == int(invitation["SEQUENCE"]) == kept.sequence


def test_a_new_address_is_asked_for_before_the_old_one_stops_working(office_client, serena):
    browser = office_client(serena)
    first = make_feed_url(lambda user: browser, serena)
    page = browser.get(reverse("office:feed")).content.decode()
    assert "Make a new address…" in page and "button-secondary" in page
    assert "calendar-feed/" not in page  # the address is shown only once
    asked = browser.post(reverse("office:feed")).content.decode()
    assert "Make a new feed address?" in asked and "stop updating" in asked
    assert DjangoClient().get(first).status_code == 200  # nothing changed yet
    made = browser.post(reverse("office:feed"), {"confirm": "yes"}).content.decode()
    assert "The old one no longer works" in made
    assert DjangoClient().get(first).status_code == 404


def test_the_feed_page_explains_apple_google_and_outlook(office_client, serena):
    html = office_client(serena).post(reverse("office:feed")).content.decode()
    assert 'data-copy="feed-url"' in html
    for app in ("Apple Calendar", "Google Calendar", "Outlook"):
        assert f"<h3>{app}</h3>" in html
