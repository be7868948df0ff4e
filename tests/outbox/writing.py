"""What the tests write before the workers send it: plain messages and real bookings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.test import Client
from django.utils import timezone

from craniocare.outbox.models import Message
from craniocare.outbox.services import outbox_enqueue

SERVICE = "craniosacral-60"


def queue_messages(count: int, *, kind: str = "test_note") -> list[Message]:
    """`count` messages (text, HTML and a small attachment each), queued in one transaction as a
    change would queue them."""
    rows: list[Message] = []
    with transaction.atomic():
        for index in range(count):
            email = EmailMultiAlternatives(
                subject=f"Note {index}",
                body=f"Plain text of note {index}.",
                to=[f"client{index}@example.com"],
            )
            email.attach_alternative(f"<p>Note {index}</p>", "text/html")
            email.attach(f"note-{index}.txt", f"Attachment {index}", "text/plain")
            row = outbox_enqueue(email, kind=kind)
            assert row is not None
            rows.append(row)
    return rows


def book_through_api(client: Client, *, email: str = "alice@example.com") -> dict[str, Any]:
    """POST /api/v1/bookings for the first free time from tomorrow on (the real clock: the
    workers run on it too). Returns the answer's JSON."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    answer = client.get(
        "/api/v1/availability",
        {
            "service": SERVICE,
            "start": tomorrow.isoformat(),
            "end": (tomorrow + timedelta(days=13)).isoformat(),
            "tz": "America/Toronto",
        },
    )
    assert answer.status_code == 200, answer.content
    start = answer.json()["slots"][0]["start"]
    body = {"service": SERVICE, "start": start, "client": {"name": "Alice Martin", "email": email}}
    response = client.post("/api/v1/bookings", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return dict(response.json())
