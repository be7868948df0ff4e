"""The office inbox: messages by status, reply by email (to a real SMTP server), link to a
client; front desk uses it like the practitioner; nothing answers 500 to bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.clients.models import Client
from craniocare.contact.models import ContactMessage, ContactReply, Status
from craniocare.outbox.models import Message
from tests.factories import ContactMessageFactory
from tests.outbox_helpers import deliver_now

pytestmark = pytest.mark.django_db


def test_it_lists_messages_by_status_for_front_desk(office_client, frank):
    ContactMessageFactory(name="Nadia New")
    ContactMessageFactory(name="Andy Answered", status=Status.ANSWERED)
    browser = office_client(frank)
    new = browser.get(reverse("office:inbox")).content.decode()
    assert "Nadia New" in new and "Andy Answered" not in new
    answered = browser.get(reverse("office:inbox"), {"status": "answered"}).content.decode()
    assert "Andy Answered" in answered and "Nadia New" not in answered
    everything = browser.get(reverse("office:inbox"), {"status": "nonsense", "page": "x"})
    assert everything.status_code == 200


def test_it_queues_a_reply_marks_it_answered_and_the_worker_delivers_it(
    office_client, frank, smtp_server, django_capture_on_commit_callbacks
):
    message = ContactMessageFactory(email="visitor@example.org")
    browser = office_client(frank)
    with django_capture_on_commit_callbacks(execute=False):
        response = browser.post(
            reverse("office:inbox_reply", args=[message.pk]),
            {"body": "Yes, gentle work is fine after a concussion.\nWarmly, Serena"},
        )
    assert response.status_code == 302
    assert smtp_server.messages == [], "nothing is sent in the request"
    message.refresh_from_db()
    assert message.status == Status.ANSWERED
    reply = ContactReply.objects.get(message=message)
    assert reply.sent_at is not None and reply.sent_by == frank
    queued = reply.outbox_message
    assert (queued.kind, queued.status, queued.recipients) == (
        "contact_reply",
        Message.Status.QUEUED,
        ["visitor@example.org"],
    )
    assert queued.clinical, "a reply may discuss health: the office never shows its body"
    page = browser.get(reverse("office:inbox_message", args=[message.pk])).content.decode()
    assert "gentle work is fine" in page
    assert "Queued: waiting for the mail server" in page

    assert deliver_now().sent == 1
    [email] = smtp_server.wait_for(1)
    assert email["To"] == "visitor@example.org"
    assert "visitor@example.org" in email["X-Envelope-To"]
    assert email["Subject"] == "Re: your message to Serena CranioCare"
    assert "gentle work is fine" in email.get_content()
    page = browser.get(reverse("office:inbox_message", args=[message.pk])).content.decode()
    assert "Delivered to the mail server" in page


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_reply_queued_and_says_so_when_the_mail_server_is_down(
    office_client, frank, dead_smtp_server
):
    message = ContactMessageFactory()
    browser = office_client(frank)
    response = browser.post(
        reverse("office:inbox_reply", args=[message.pk]), {"body": "Hello there"}, follow=True
    )
    assert response.status_code == 200, "no error page: the reply waits in the outbox"
    html = response.content.decode()
    assert "saved and queued for sending" in html
    assert "Hello there" in html and "Queued: waiting for the mail server" in html
    message.refresh_from_db()
    assert message.status == Status.ANSWERED
    queued = ContactReply.objects.get(message=message).outbox_message
    assert queued.status == Message.Status.QUEUED and "Connection refused" in queued.last_error


def test_it_says_when_the_reply_could_not_be_delivered(office_client, frank, serena):
    message = ContactMessageFactory()
    browser = office_client(frank)
    browser.post(reverse("office:inbox_reply", args=[message.pk]), {"body": "Hello there"})
    Message.objects.update(status=Message.Status.FAILED, last_error="550 mailbox unavailable")
    page = browser.get(reverse("office:inbox_message", args=[message.pk])).content.decode()
    assert "Not delivered:" in page and "retried from the Outbox" in page
    failed = Message.objects.get()
    practitioner = office_client(serena)
    page = practitioner.get(reverse("office:inbox_message", args=[message.pk]))
    outbox_link = reverse("office:outbox_message", args=[failed.pk])
    assert f'<a href="{outbox_link}">the Outbox</a>' in page.content.decode()
    outbox_page = practitioner.get(outbox_link).content.decode()
    assert "Inbox reply" in outbox_page and "550 mailbox unavailable" in outbox_page
    assert "Hello there" not in outbox_page, "a reply may hold health details: no body shown"


def test_it_explains_an_empty_reply(office_client, frank, smtp_server):
    message = ContactMessageFactory()
    response = office_client(frank).post(
        reverse("office:inbox_reply", args=[message.pk]), {"body": "   "}
    )
    assert response.status_code == 400
    assert "Write the reply before sending it." in response.content.decode()
    assert smtp_server.messages == []
    assert not ContactReply.objects.exists()


def test_it_changes_the_status(office_client, frank):
    message = ContactMessageFactory()
    browser = office_client(frank)
    url = reverse("office:inbox_status", args=[message.pk])
    assert browser.post(url, {"status": "closed"}).status_code == 302
    assert ContactMessage.objects.get(pk=message.pk).status == Status.CLOSED
    assert browser.post(url, {"status": "deleted"}).status_code == 302  # explained, not saved
    assert ContactMessage.objects.get(pk=message.pk).status == Status.CLOSED


def test_it_links_a_message_to_a_client_and_unlinks_it(office_client, frank, alice):
    alice_client = Client.objects.get(user=alice)
    message = ContactMessageFactory(email="ALICE@example.com")
    browser = office_client(frank)
    page = browser.get(reverse("office:inbox_message", args=[message.pk]))
    assert page.context["same_email"] == alice_client  # suggested
    found = browser.get(reverse("office:inbox_message", args=[message.pk]), {"q": "alice"})
    assert list(found.context["candidates"]) == [alice_client]

    url = reverse("office:inbox_link", args=[message.pk])
    assert browser.post(url, {"client": alice_client.pk}).status_code == 302
    assert ContactMessage.objects.get(pk=message.pk).client == alice_client
    assert browser.post(url, {}).status_code == 302
    assert ContactMessage.objects.get(pk=message.pk).client is None
    assert browser.post(url, {"client": "abc"}).status_code == 302
    assert browser.post(url, {"client": alice_client.pk + 999}).status_code == 404


def test_it_moves_linked_messages_when_clients_are_merged(office_client, frank, alice):
    survivor = Client.objects.get(user=alice)
    duplicate = Client.objects.create(name="A. Martin", email="am@example.org")
    message = ContactMessageFactory(client=duplicate)
    office_client(frank).post(
        reverse("office:client_merge", args=[survivor.pk]),
        {"other": duplicate.pk, "confirm": "on"},
    )
    assert ContactMessage.objects.get(pk=message.pk).client == survivor


def test_it_answers_404_for_unknown_messages_and_to_non_staff(
    client, office_client, frank, mallory
):
    message = ContactMessageFactory()
    browser = office_client(frank)
    assert browser.get(reverse("office:inbox_message", args=[message.pk + 99])).status_code == 404
    client.force_login(mallory)
    assert client.get(reverse("office:inbox")).status_code == 404
    assert client.get(reverse("office:inbox_message", args=[message.pk])).status_code == 404
    reply = client.post(reverse("office:inbox_reply", args=[message.pk]), {"body": "x"})
    assert reply.status_code == 404
