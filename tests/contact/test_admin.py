"""The contact inbox in the admin: messages stay as sent; staff change only their status."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from craniocare.accounts.models import User
from craniocare.contact.models import ContactMessage, Status
from craniocare.contact.services import contact_message_create
from tests.factories import ContactMessageFactory
from tests.signin import sign_in_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def serena_client(client: Client) -> Client:
    serena = User.objects.create_superuser("serena@example.com", "correct horse battery")
    return sign_in_with_mfa(client, serena, "correct horse battery")  # the admin is behind MFA


def test_it_lists_and_searches_messages(serena_client: Client, practice):
    ContactMessageFactory.create(name="Bob Chen", message="Do you treat migraines?")
    ContactMessageFactory.create(name="Carol Diaz", message="Parking near the studio?")
    url = reverse("admin:contact_contactmessage_changelist")

    text = serena_client.get(url).content.decode()
    assert "Bob Chen" in text and "Carol Diaz" in text

    text = serena_client.get(url, {"q": "migraines"}).content.decode()
    assert "Bob Chen" in text and "Carol Diaz" not in text
    assert serena_client.get(url, {"status__exact": "new"}).status_code == 200


def test_it_shows_what_was_sent_read_only(serena_client: Client, practice):
    message = ContactMessageFactory.create(message="Do you treat migraines?")
    url = reverse("admin:contact_contactmessage_change", args=[message.pk])

    text = serena_client.get(url).content.decode()
    assert "Do you treat migraines?" in text
    assert 'name="message"' not in text
    assert 'name="status"' in text

    serena_client.post(url, {"status": Status.ANSWERED, "message": "Edited!"})
    message.refresh_from_db()
    assert message.status == Status.ANSWERED
    assert message.message == "Do you treat migraines?"


def test_it_has_no_add_page(serena_client: Client, practice):
    assert serena_client.get(reverse("admin:contact_contactmessage_add")).status_code == 403


def test_it_shows_the_notification_email_status_and_offers_no_resend(
    serena_client: Client, practice
):
    stored = contact_message_create(
        name="Bob Chen",
        email="bob@example.com",
        phone="",
        topic="question",
        message="Do you treat migraines?",
        consent=True,
        ip=None,
        user_agent="",
    )
    url = reverse("admin:contact_contactmessage_changelist")

    text = serena_client.get(url).content.decode()
    assert "Queued" in text, "the outbox's word on the email to the practice"
    assert "retry_notification" not in text, "retries live on the Outbox screen"
    text = serena_client.get(
        reverse("admin:contact_contactmessage_change", args=[stored.pk])
    ).content.decode()
    assert "Email to the practice" in text and "Queued" in text


def test_it_marks_messages_answered_and_closed(serena_client: Client, practice):
    first = ContactMessageFactory.create()
    second = ContactMessageFactory.create()
    url = reverse("admin:contact_contactmessage_changelist")
    serena_client.post(url, {"action": "mark_answered", "_selected_action": [first.pk]})
    serena_client.post(url, {"action": "mark_closed", "_selected_action": [second.pk]})
    assert ContactMessage.objects.get(pk=first.pk).status == Status.ANSWERED
    assert ContactMessage.objects.get(pk=second.pk).status == Status.CLOSED
    assert ContactMessage.objects.new().count() == 0
