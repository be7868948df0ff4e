"""The outbox's rules in one process: a message commits with its change or not at all, a claim
is taken once, failures back off and end as failed, keys make an enqueue idempotent, and old
sent messages are cleared away."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from craniocare.outbox.delivery import claim, retry_delay
from craniocare.outbox.housekeeping import housekeeping
from craniocare.outbox.models import Message
from craniocare.outbox.services import message_retry, messages_cancel_keyed, outbox_enqueue
from tests.outbox_helpers import deliver_now

pytestmark = pytest.mark.django_db


def email(subject: str = "Booked") -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject, "See you soon.", to=["alice@example.com"])
    message.attach_alternative("<p>See you soon.</p>", "text/html")
    message.attach("session.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    return message


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_queue_outside_a_transaction():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        outbox_enqueue(email(), kind="test")


def test_a_rolled_back_change_leaves_no_message():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        outbox_enqueue(email(), kind="test")
        1 / 0  # noqa: B018
    assert not Message.objects.exists()


def test_it_sends_the_message_as_built_with_its_attachment(mailoutbox):
    with transaction.atomic():
        queued = outbox_enqueue(email("Booked: Monday"), kind="test")
    assert queued is not None
    assert deliver_now().sent == 1
    (sent,) = mailoutbox
    assert sent.subject == "Booked: Monday"
    assert sent.alternatives[0][1] == "text/html"
    assert sent.extra_headers["Message-ID"] == queued.message_id
    (calendar,) = sent.attachments
    assert calendar.get_filename() == "session.ics"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_payload(decode=True) == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


def test_a_key_queues_a_message_once():
    with transaction.atomic():
        first = outbox_enqueue(email(), kind="test", key="reminder:abc:48")
        second = outbox_enqueue(email(), kind="test", key="reminder:abc:48")
    assert first is not None and second is None
    assert Message.objects.count() == 1


def test_a_message_is_claimed_once():
    with transaction.atomic():
        message = outbox_enqueue(email(), kind="test")
    assert message is not None
    now = timezone.now()
    assert claim(message.pk, token="a", now=now) is True
    assert claim(message.pk, token="b", now=now) is False
    # Once the lease has run out (the worker died), the next worker takes it over.
    later = now + timedelta(hours=1)
    assert claim(message.pk, token="b", now=later) is True
    assert Message.objects.get(pk=message.pk).claimed_by == "b"


def test_failures_back_off_then_end_as_failed_and_a_retry_starts_again(settings, dead_smtp_server):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    with transaction.atomic():
        message = outbox_enqueue(email(), kind="test")
    assert message is not None
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for attempt in (1, 2):
            assert deliver_now().retrying == 1
            message.refresh_from_db()
            assert (message.status, message.attempts) == (Message.Status.QUEUED, attempt)
            assert message.due_at == timezone.now() + retry_delay(attempt)
            assert deliver_now().retrying == 0, "not before its time"
            traveller.shift(retry_delay(attempt))
        assert deliver_now().failed == 1
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempt_log.filter(ok=False).count() == 3
    assert "refused" in message.last_error.lower()
    assert message_retry(message=message) is True
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.QUEUED, 0)


def test_retry_delays_double_and_are_capped(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [
        30,
        60,
        120,
        3600,
        3600,
    ]


def test_cancelling_by_key_stops_only_waiting_messages(mailoutbox):
    with transaction.atomic():
        outbox_enqueue(email("first"), kind="test", key="reminder:b1:48")
    deliver_now()
    with transaction.atomic():
        outbox_enqueue(email("second"), kind="test", key="reminder:b1:2")
    assert messages_cancel_keyed(key_prefix="reminder:b1:") == 1
    assert deliver_now().sent == 0
    assert [m.subject for m in mailoutbox] == ["first"]


def test_housekeeping_removes_old_sent_messages_only(settings):
    settings.OUTBOX_KEEP_DAYS = 90
    with time_machine.travel(timezone.now() - timedelta(days=100)):
        with transaction.atomic():
            outbox_enqueue(email("old"), kind="test")
            outbox_enqueue(email("old, still failing"), kind="test")
        deliver_now()
        Message.objects.filter(subject="old, still failing").update(status=Message.Status.FAILED)
    with transaction.atomic():
        outbox_enqueue(email("new"), kind="test")
    deliver_now()
    assert housekeeping(force=True) == 1
    assert sorted(Message.objects.values_list("subject", flat=True)) == [
        "new",
        "old, still failing",
    ]
