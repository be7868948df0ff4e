"""The office's Outbox screen: the lists, retry and cancel, the body hidden for messages with
health information, front desk kept out, and the banner on Today when a message failed."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from craniocare.outbox.models import Message
from craniocare.outbox.services import outbox_enqueue
from tests.outbox_helpers import deliver_now

pytestmark = pytest.mark.django_db


def queued(subject: str = "Booked: CranioSacral Therapy", *, clinical: bool = False) -> Message:
    from django.core.mail import EmailMultiAlternatives

    with transaction.atomic():
        message = outbox_enqueue(
            EmailMultiAlternatives(subject, "We look forward to seeing you.", to=["a@example.com"]),
            kind="booking_created",
            clinical=clinical,
        )
    assert message is not None
    return message


def fail(message: Message, error: str = "SMTPServerDisconnected: Connection unexpectedly closed"):
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.FAILED, attempts=8, last_error=error
    )
    message.refresh_from_db()
    return message


def test_it_lists_waiting_and_failed_messages_with_their_errors(office_client, serena):
    waiting = queued("Booked: a session on Monday")
    fail(queued("New time: Tuesday"))
    client = office_client(serena)
    page = client.get(reverse("office:outbox")).content.decode()
    assert "Booked: a session on Monday" in page and "New time: Tuesday" not in page
    page = client.get(reverse("office:outbox") + "?show=failed").content.decode()
    assert "New time: Tuesday" in page
    assert "Connection unexpectedly closed" in page
    assert waiting.subject not in page


def test_it_retries_a_failed_message_and_it_goes_out_once(office_client, serena, mailoutbox):
    failed = fail(queued("New time: Tuesday"))
    client = office_client(serena)
    response = client.post(reverse("office:outbox_retry", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Message.Status.QUEUED, 0)
    assert deliver_now().sent == 1
    assert deliver_now().sent == 0
    assert [m.subject for m in mailoutbox] == ["New time: Tuesday"]
    assert Message.objects.get(pk=failed.pk).status == Message.Status.SENT


def test_it_cancels_a_waiting_message_so_it_never_goes_out(office_client, serena, mailoutbox):
    message = queued()
    office_client(serena).post(reverse("office:outbox_cancel", args=[message.pk]))
    assert Message.objects.get(pk=message.pk).status == Message.Status.CANCELLED
    assert deliver_now().sent == 0
    assert mailoutbox == []


def test_it_does_not_cancel_a_message_that_has_gone_out(office_client, serena):
    message = queued()
    deliver_now()
    response = office_client(serena).post(reverse("office:outbox_cancel", args=[message.pk]))
    assert response.status_code == 302
    assert Message.objects.get(pk=message.pk).status == Message.Status.SENT


def test_it_never_shows_the_body_of_a_message_with_health_information(office_client, serena):
    private = queued("Your intake form", clinical=True)
    Message.objects.filter(pk=private.pk).update(payload={"body": "Jaw pain 7/10, headaches"})
    plain = queued("Booked: Monday")
    client = office_client(serena)
    private_page = client.get(reverse("office:outbox_message", args=[private.pk])).content.decode()
    assert "Jaw pain" not in private_page
    assert "carries health information" in private_page
    plain_page = client.get(reverse("office:outbox_message", args=[plain.pk])).content.decode()
    assert "We look forward to seeing you." in plain_page


def test_front_desk_cannot_open_the_outbox(office_client, frank):
    message = queued()
    client = office_client(frank)
    assert client.get(reverse("office:outbox")).status_code == 404
    assert client.get(reverse("office:outbox_message", args=[message.pk])).status_code == 404
    assert client.post(reverse("office:outbox_retry", args=[message.pk])).status_code == 404


def test_today_shows_a_banner_while_a_message_has_failed(office_client, serena, frank):
    client = office_client(serena)
    assert "could not be sent" not in client.get(reverse("office:today")).content.decode()
    failed = fail(queued())
    page = client.get(reverse("office:today")).content.decode()
    assert "1 message could not be sent." in page
    assert reverse("office:outbox") + "?show=failed" in page
    assert (
        "could not be sent"
        not in office_client(frank).get(reverse("office:today")).content.decode()
    )
    Message.objects.filter(pk=failed.pk).update(status=Message.Status.SENT, sent_at=timezone.now())
    assert "could not be sent" not in client.get(reverse("office:today")).content.decode()
