"""The outbox's write paths: enqueue a message (in the caller's transaction), retry or cancel one.

`outbox_enqueue` must run inside the transaction that makes the change the message is about:
the row commits with the change or not at all. Once the transaction commits, the worker is
nudged (a `deliver_outbox` task) so mail leaves within a moment; if that nudge is lost (the queue
is down), the worker's periodic sweep still finds the row.
"""

from __future__ import annotations

import logging
from datetime import datetime
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Message
from .serialization import to_payload
from .tasks import deliver_outbox

logger = logging.getLogger("craniocare.outbox")


def _msgid_domain() -> str:
    return getattr(settings, "CALENDAR_UID_DOMAIN", "") or "craniocare.local"


def _nudge_worker_after_commit() -> None:
    """One nudge for messages queued one after another (a booking's client and practitioner
    emails), not one per message."""
    callbacks = transaction.get_connection().run_on_commit
    if callbacks and callbacks[-1][1] is _nudge:
        return
    transaction.on_commit(_nudge, robust=True)


def _nudge() -> None:
    try:
        deliver_outbox.enqueue()
    except Exception:
        logger.exception("Could not queue the outbox delivery; the worker's sweep will send it.")


def _insert(message: Message) -> Message | None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_enqueue must run inside the transaction of the change.")
    message.full_clean(exclude=["key"], validate_unique=False)  # the database checks the key
    if message.key is not None:
        # A savepoint, so a duplicate key leaves the caller's transaction usable.
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            return None
    else:
        message.save()
    _nudge_worker_after_commit()
    return message


def outbox_enqueue(
    email: EmailMessage,
    *,
    kind: str,
    clinical: bool = False,
    key: str | None = None,
    due_at: datetime | None = None,
) -> Message | None:
    """Queue `email` for sending; returns the row, or None when `key` was queued before."""
    recipients = [address for address in email.to if address]
    if not recipients:
        return None
    return _insert(
        Message(
            kind=kind,
            channel=Message.Channel.EMAIL,
            recipients=recipients,
            subject=str(email.subject)[:300],
            payload=to_payload(email),
            message_id=make_msgid(domain=_msgid_domain()),
            clinical=clinical,
            key=key,
            due_at=due_at or timezone.now(),
            max_attempts=settings.OUTBOX_MAX_ATTEMPTS,
        )
    )


def sms_enqueue(
    *, phone: str, text: str, kind: str, key: str | None = None, due_at: datetime | None = None
) -> Message | None:
    """Queue a text message (sent through settings.SMS_BACKEND)."""
    if not phone.strip():
        return None
    return _insert(
        Message(
            kind=kind,
            channel=Message.Channel.SMS,
            recipients=[phone.strip()],
            subject="",
            payload={"body": text},
            key=key,
            due_at=due_at or timezone.now(),
            max_attempts=settings.OUTBOX_MAX_ATTEMPTS,
        )
    )


def message_retry(*, message: Message) -> bool:
    """Send a failed (or cancelled) message again: a fresh set of attempts, due now."""
    with transaction.atomic():
        updated = Message.objects.filter(
            pk=message.pk, status__in=[Message.Status.FAILED, Message.Status.CANCELLED]
        ).update(
            status=Message.Status.QUEUED,
            due_at=timezone.now(),
            attempts=0,
            lease_until=None,
            claimed_by="",
            cancelled_at=None,
        )
        if updated:
            _nudge_worker_after_commit()
    return updated == 1


def message_cancel(*, message: Message) -> bool:
    """Stop a message that has not gone out (queued or failed). One already being sent finishes."""
    updated = Message.objects.filter(
        pk=message.pk, status__in=[Message.Status.QUEUED, Message.Status.FAILED]
    ).update(status=Message.Status.CANCELLED, cancelled_at=timezone.now(), lease_until=None)
    return updated == 1


def messages_cancel_keyed(*, key_prefix: str) -> int:
    """Cancel the queued messages whose key starts with `key_prefix` (e.g. a booking's
    reminders when it is cancelled). Returns how many."""
    return Message.objects.filter(key__startswith=key_prefix, status=Message.Status.QUEUED).update(
        status=Message.Status.CANCELLED, cancelled_at=timezone.now()
    )
