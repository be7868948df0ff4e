"""Helpers of the portal tests: asking for a sign-in code, reading it from the email (however it
is sent: after the response or through the outbox), and Alice's and Bob's sessions."""

from __future__ import annotations

import html
import re
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone

from craniocare.bookings.models import Status
from craniocare.clients.models import Client
from tests.factories import ServiceFactory
from tests.office.helpers import book
from tests.outbox_helpers import deliver_now

CODE_LINE = re.compile(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", re.MULTILINE)


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def mail_settled() -> None:
    """Wait for every mail thread started so far (send_after_response) to finish."""
    for thread in threading.enumerate():
        if thread.name == "craniocare-mail":
            thread.join(timeout=10)


def delivered(inbox: Any, count: int = 1) -> list[Any]:
    """The messages at the test SMTP server once `count` have arrived: mail sent after the
    response (core/mail.py) is waited for, and mail waiting in the outbox is delivered now."""
    deliver_now()
    messages = inbox.wait_for(count)
    mail_settled()
    deliver_now()
    return list(messages)


def request_code(browser: DjangoClient, email: str, next_url: str = "") -> Any:
    url = reverse("account_request_login_code")
    if next_url:
        url += f"?next={next_url}"
    return browser.post(url, {"email": email})


def code_in(message: Any) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    found = CODE_LINE.findall(body)
    assert len(found) == 1, body
    return found[0]


def confirm(browser: DjangoClient, code: str) -> Any:
    return browser.post(reverse("account_confirm_login_code"), {"code": code, "action": "verify"})


def is_signed_in(browser: DjangoClient) -> bool:
    return "_auth_user_id" in browser.session


@pytest.fixture
def schedules(serena: Any, pia: Any, alice: Any, bob: Any, session60: Any) -> dict[str, Any]:
    """Alice's sessions (two to come, one of them with Pia booked from London; one held, one
    missed, one cancelled) and one of Bob's."""
    somatic = ServiceFactory(
        slug="somatic-release-60",
        name="Somatic Release, 60 minutes",
        practitioners=[pia.practitioner],
    )
    alice_client = Client.objects.get(user=alice)
    bob_client = Client.objects.get(user=bob)
    soon = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    return {
        "alice_next": book(serena, alice_client, session60, soon, notes="Left jaw clicks."),
        "alice_london": book(
            pia, alice_client, somatic, soon + timedelta(days=7), booked_tz="Europe/London"
        ),
        "alice_past": book(
            serena, alice_client, session60, soon - timedelta(days=30), status=Status.COMPLETED
        ),
        "alice_missed": book(
            serena, alice_client, session60, soon - timedelta(days=20), status=Status.NO_SHOW
        ),
        "alice_cancelled": book(
            serena, alice_client, session60, soon + timedelta(days=1), status=Status.CANCELLED
        ),
        "bob_next": book(
            serena, bob_client, session60, soon + timedelta(days=2), notes="Bob's shoulder."
        ),
    }
