"""contact_message_create: the row first, then one email to the practice, never a lost message."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from craniocare.contact.models import ContactMessage
from craniocare.contact.services import contact_message_create, contact_message_notify
from craniocare.core.models import PracticeProfile


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
def test_it_commits_the_message_before_any_email_is_sent(
    practice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stored = contact_message_create(**message_kwargs())
        assert ContactMessage.objects.filter(pk=stored.pk).exists()
        assert mail.outbox == []
    assert len(callbacks) == 1

    callbacks[0]()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["serena@example.com"]
    assert mail.outbox[0].reply_to == ["alice@example.com"]
    assert mail.outbox[0].subject == "New question from Alice Martin (general question)"
    stored.refresh_from_db()
    assert stored.ip_address == "2001:db8::7"
    assert stored.notified_at is not None


@pytest.mark.django_db
def test_it_refuses_a_message_without_consent(practice):
    with pytest.raises(ValidationError):
        contact_message_create(**message_kwargs(consent=False))
    assert ContactMessage.objects.count() == 0


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
def test_it_sends_a_failed_notification_once_the_mail_server_is_back(
    practice, smtp_server, settings
):
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = closed_port()

    stored = contact_message_create(**message_kwargs())

    stored.refresh_from_db()
    assert stored.notified_at is None
    assert "ConnectionRefusedError" in stored.notify_error
    assert ContactMessage.objects.unnotified().count() == 1

    settings.EMAIL_PORT = working_port
    assert contact_message_notify(stored.pk) is True
    assert contact_message_notify(stored.pk) is False, "sent exactly once"

    assert len(smtp_server.wait_for(1)) == 1
    stored.refresh_from_db()
    assert stored.notified_at is not None
    assert stored.notify_error == ""
    assert ContactMessage.objects.unnotified().count() == 0


@pytest.mark.django_db
def test_it_reports_a_missing_message_as_not_sent(practice):
    assert contact_message_notify(123456) is False
