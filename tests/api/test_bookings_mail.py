"""POST /api/v1/bookings and the mail server: the booking's emails are outbox rows written with
the booking, so a mail server that hangs never reaches the request; the worker delivers them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from craniocare.bookings.models import Booking
from craniocare.outbox.models import Message
from tests.outbox_helpers import deliver_now

from .helpers import booking_body, post_json

pytestmark = pytest.mark.django_db


def test_a_booking_answers_without_calling_a_hanging_mail_server_and_its_emails_follow(
    client: Client,
    session60: Any,
    hanging_smtp_server: Any,
    worker_queue: Any,
    django_capture_on_commit_callbacks: Any,
    request: pytest.FixtureRequest,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, "/bookings", booking_body(notes="Jaw tension"))

    assert response.status_code == 201, response.content
    booking = Booking.objects.get(uid=response.json()["uid"])
    assert hanging_smtp_server.connections == [], "the request never called the mail server"
    waiting = Message.objects.order_by("kind")
    assert [(m.kind, m.status, m.attempts) for m in waiting] == [
        ("booking_created", "queued", 0),
        ("booking_created_practitioner", "queued", 0),
    ]
    assert worker_queue.filter(task_path__endswith="deliver_outbox").count() == 1, "one nudge"

    smtp_server = request.getfixturevalue("smtp_server")  # a mail server that answers
    assert deliver_now().sent == 2
    received = {m["X-Envelope-To"]: m for m in smtp_server.wait_for(2)}
    confirmation = received.pop("alice@example.com")
    assert confirmation["Subject"].startswith("Booked: CranioSacral Therapy")
    calendar = [
        p for p in confirmation.iter_attachments() if p.get_content_type() == "text/calendar"
    ]
    assert len(calendar) == 1 and booking.uid in calendar[0].get_content()
    [notice] = received.values()
    assert notice["Subject"].startswith("New booking: Alice Martin")
    assert notice["Reply-To"] == "alice@example.com"
    assert deliver_now().sent == 0, "each sent once"
