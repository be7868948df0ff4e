"""The emails a booking sends, received by a real SMTP server (aiosmtpd)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.conf import settings

from craniocare.bookings.models import Booking
from craniocare.core.models import PracticeProfile
from craniocare.outbox.models import Message

from .helpers import (
    ALICE,
    body_text,
    book_online,
    calendar_event,
    calendar_part,
    mail_to,
    manage_path,
    plain,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booking_site")]

PRACTICE_EMAIL = "hello@serenacraniocare.example"
ADDRESS = "214 Harbord Street, Suite 3, Toronto ON M5S 1H6"


@pytest.fixture
def booked(client, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        book_online(client)
    return Booking.objects.get(client_email=ALICE["email"])


def test_it_emails_the_client_a_confirmation_with_a_calendar_invitation(
    client, booked, smtp_server
):
    (message,) = mail_to(smtp_server, ALICE["email"])
    assert message["Subject"].startswith("Booked: CranioSacral Therapy, 60 minutes")
    assert message["Reply-To"] == PRACTICE_EMAIL
    text = body_text(message)
    assert "Monday 18 January 2027, 2:00\u20133:00\u00a0p.m. London time (GMT)" in text
    assert "9:00\u201310:00\u00a0a.m. Toronto time, the practice's time" in text
    assert ADDRESS in text
    assert "until 24 hours before" in text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Manage your booking" in html and "2:00\u20133:00\u00a0p.m." in html

    assert 'method="REQUEST"' in calendar_part(message)["Content-Type"].replace("'", '"')
    calendar, event = calendar_event(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"{booked.uid}@{settings.CALENDAR_UID_DOMAIN}"
    assert event.decoded("DTSTART") == booked.start == datetime(2027, 1, 18, 14, tzinfo=UTC)
    assert event.decoded("DTEND") == booked.end
    assert event["DTSTART"].to_ical() == b"20270118T140000Z"
    assert str(event["LOCATION"]) == ADDRESS
    assert str(event["ORGANIZER"]) == f"mailto:{PRACTICE_EMAIL}"
    assert str(event["SUMMARY"]) == "CranioSacral Therapy, 60 minutes with Serena Hale"
    assert int(event["SEQUENCE"]) == 0


def test_the_emailed_manage_link_opens_the_booking(client, booked, smtp_server):
    (message,) = mail_to(smtp_server, ALICE["email"])
    page = client.get(manage_path(message))
    assert page.status_code == 200
    assert "Monday 18 January 2027, 2:00\u20133:00 p.m." in plain(page)


def test_it_puts_no_health_details_in_the_calendar_file(booked, smtp_server):
    (message,) = mail_to(smtp_server, ALICE["email"])
    raw = calendar_part(message).get_payload(decode=True).decode()
    assert "headaches" not in raw.lower()
    assert "first visit" not in raw.lower()


def test_it_emails_the_practitioner_about_a_new_booking(booked, smtp_server):
    (message,) = mail_to(smtp_server, PRACTICE_EMAIL)
    assert message["Subject"] == "New booking: Alice Martin, Monday 18 January, 9:00 a.m."
    assert message["Reply-To"] == ALICE["email"]
    text = body_text(message)
    for expected in [
        "Alice Martin",
        ALICE["email"],
        "416 555 0199",
        "CranioSacral Therapy, 60 minutes",
        "Monday 18 January 2027, 9:00\u201310:00\u00a0a.m. Toronto time",
        "The client sees Monday 18 January 2027, 2:00\u20133:00\u00a0p.m. London time (GMT)",
        ALICE["notes"],
        "First visit:  yes",
    ]:
        assert expected in text


def test_it_still_books_when_the_mail_server_is_down_and_keeps_the_emails_queued(
    client, dead_smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        confirmation = book_online(client)
    assert confirmation.status_code == 200
    assert "You're booked" in plain(confirmation)
    assert Booking.objects.filter(client_email=ALICE["email"], status="confirmed").count() == 1
    waiting = Message.objects.order_by("kind")
    assert [(m.kind, m.status, m.attempts) for m in waiting] == [
        ("booking_created", "queued", 1),
        ("booking_created_practitioner", "queued", 1),
    ]
    assert all("Connection refused" in m.last_error for m in waiting)


def test_it_writes_to_the_sender_when_the_practice_has_no_email(
    client, smtp_server, django_capture_on_commit_callbacks, settings
):
    profile = PracticeProfile.objects.get()
    profile.email = ""
    profile.save()
    settings.DEFAULT_FROM_EMAIL = "Serena CranioCare <bookings@serena.example>"
    with django_capture_on_commit_callbacks(execute=True):
        book_online(client)
    assert mail_to(smtp_server, "bookings@serena.example")
    (message,) = mail_to(smtp_server, ALICE["email"])
    _, event = calendar_event(message)
    assert str(event["ORGANIZER"]) == "mailto:bookings@serena.example"


def test_the_demo_seed_sends_no_email(smtp_server, django_capture_on_commit_callbacks):
    from craniocare.demo.seed import seed_demo

    Booking.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
    assert Booking.objects.exists()
    assert smtp_server.messages == []
