"""contact_message_create: the message and the practice's notification (an outbox row) are
written together; the worker sends the email, so no mail server ever loses a message."""

from __future__ import annotations

import socket
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from craniocare.contact.models import ContactMessage
from craniocare.contact.services import contact_message_create
from craniocare.core.models import PracticeProfile
from craniocare.outbox.models import Message
from tests.outbox_helpers import deliver_now


def message_kwargs(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Alice Martin",
        "email": "alice@example.com",
        "phone": "",
        "topic": "question",
        "message": "Do you see babies? My son is three months old.",
        "consent": True,
        "ip": "2001:db8::7",
        "user_agent": "Mozilla/5.0",
        **overrides,
    }


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.django_db
def test_it_queues_the_notification_with_the_message_and_sends_it_from_the_worker(
    practice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        stored = contact_message_create(**message_kwargs())
    assert mail.outbox == [], "nothing is sent in the caller's request"
    notification = Message.objects.get()
    assert stored.notification == notification
    assert notification.kind == "contact_notification"
    assert notification.status == Message.Status.QUEUED
    assert notification.clinical, "a visitor may describe their health: the office hides the body"
    assert notification.recipients == ["serena@example.com"]

    assert deliver_now().sent == 1
    [sent] = mail.outbox
    assert sent.to == ["serena@example.com"]
    assert sent.reply_to == ["alice@example.com"]
    assert sent.subject == "New question from Alice Martin (general question)"
    assert "Do you see babies? My son is three months old." in sent.body
    notification.refresh_from_db()
    assert notification.status == Message.Status.SENT
    stored.refresh_from_db()
    assert stored.ip_address == "2001:db8::7"
    assert deliver_now().sent == 0, "sent exactly once"


@pytest.mark.django_db
def test_it_queues_no_notification_when_the_message_is_not_stored(practice):
    with pytest.raises(RuntimeError), transaction.atomic():
        contact_message_create(**message_kwargs())
        raise RuntimeError("the caller's transaction fails after the message was written")
    assert not ContactMessage.objects.exists()
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_message_without_consent(practice):
    with pytest.raises(ValidationError):
        contact_message_create(**message_kwargs(consent=False))
    assert ContactMessage.objects.count() == 0
    assert not Message.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ip", "stored"),
    [("", None), (None, None), ("not-an-ip", None), ("fe80::1%eth0", "fe80::1")],
)
def test_it_stores_only_a_valid_ip_address(practice, ip, stored):
    message = contact_message_create(**message_kwargs(ip=ip))
    message.refresh_from_db()
    assert message.ip_address == stored


@pytest.mark.django_db(transaction=True)
def test_it_writes_to_the_default_from_address_when_the_practice_has_none(smtp_server, settings):
    settings.DEFAULT_FROM_EMAIL = "Serena CranioCare <office@example.org>"
    PracticeProfile(email="").save()

    contact_message_create(**message_kwargs(topic="other"))

    [received] = smtp_server.wait_for(1)
    assert received["X-Envelope-To"] == "office@example.org"
    assert received["From"] == "Serena CranioCare <office@example.org>"
    assert received["Subject"] == "New question from Alice Martin (other)"


@pytest.mark.django_db(transaction=True)
def test_it_keeps_a_name_with_line_breaks_out_of_the_headers(practice, smtp_server):
    contact_message_create(**message_kwargs(name="Alice\r\nBcc: mallory@example.com"))

    [received] = smtp_server.wait_for(1)
    assert received["X-Envelope-To"] == "serena@example.com"
    assert received["Bcc"] is None
    subject = "New question from Alice Bcc: mallory@example.com (general question)"
    assert received["Subject"] == subject


@pytest.mark.django_db(transaction=True)
def test_it_sends_a_delayed_notification_once_the_mail_server_is_back(
    practice, smtp_server, settings
):
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = closed_port()

    # The commit nudges delivery (run in-process by the tests' task backend): it fails.
    stored = contact_message_create(**message_kwargs())

    assert ContactMessage.objects.filter(pk=stored.pk).exists(), "the message is kept"
    notification = Message.objects.get(pk=stored.notification_id)
    assert notification.status == Message.Status.QUEUED
    assert notification.attempts == 1
    assert "Connection refused" in notification.last_error

    settings.EMAIL_PORT = working_port
    later = notification.due_at + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        assert deliver_now().sent == 1
        assert deliver_now().sent == 0, "sent exactly once"

    [received] = smtp_server.wait_for(1)
    assert received["X-Envelope-To"] == "serena@example.com"
    notification.refresh_from_db()
    assert notification.status == Message.Status.SENT
