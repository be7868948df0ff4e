"""Sending what is due, exactly once: claim a row with a conditional UPDATE (row count checked),
send it, then mark it sent only if the claim is still ours.

A worker killed after claiming leaves the row `sending` with a lease; once the lease has run out
the next sweep takes it over. The one moment that can still repeat a message is a kill between the
mail server's "accepted" and our commit of `sent` (milliseconds); the message keeps one
Message-ID across attempts, so a repeat is recognisable as the same message.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Attempt, Message
from .serialization import from_payload
from .sms import get_sms_backend

logger = logging.getLogger("craniocare.outbox")

ERROR_MAX_LENGTH = 2000


_worker_name = ""


def worker_name() -> str:
    """This worker's name on claims, attempts and its heartbeat: host and process id, at most
    60 characters (claimed_by adds a 13-character token and holds 80)."""
    return _worker_name or f"{socket.gethostname()[:48]}:{os.getpid()}"


def name_this_worker() -> str:
    """Fix the name when `manage.py worker` starts. Redis Queue runs each job in a process it
    forks, which keeps this name: one heartbeat row per worker, not one per job."""
    global _worker_name
    _worker_name = ""
    _worker_name = worker_name()
    return _worker_name


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: base, 2x base, 4x base ... capped at OUTBOX_RETRY_MAX_SECONDS."""
    seconds = settings.OUTBOX_RETRY_BASE_SECONDS * (2 ** max(attempts - 1, 0))
    return timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS))


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    lost_claims: int = 0


def claim(message_id: int, *, token: str, now: datetime) -> bool:
    lease = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    claimed = (
        Message.objects.due(now)
        .filter(pk=message_id)
        .update(
            status=Message.Status.SENDING,
            lease_until=lease,
            claimed_by=token,
            attempts=F("attempts") + 1,
        )
    )
    return claimed == 1


class _Connections:
    """One SMTP connection per delivery run, opened on first use and reopened after an error."""

    def __init__(self) -> None:
        self.connection: BaseEmailBackend | None = None

    def send_email(self, message: Message) -> None:
        if self.connection is None:
            connection = get_connection(fail_silently=False)
            connection.open()
            self.connection = connection
        email = from_payload(
            subject=message.subject,
            recipients=list(message.recipients),
            payload=message.payload,
            message_id=message.message_id,
        )
        email.connection = self.connection
        try:
            email.send(fail_silently=False)
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:
                logger.debug("Closing the mail connection failed.", exc_info=True)
            self.connection = None


def _send(message: Message, connections: _Connections) -> None:
    if message.channel == Message.Channel.SMS:
        get_sms_backend().send(to=message.recipients[0], text=message.payload.get("body", ""))
    else:
        connections.send_email(message)


def _record(message: Message, *, worker: str, started: datetime, error: str) -> None:
    Attempt.objects.create(
        message=message,
        worker=worker,
        started_at=started,
        finished_at=timezone.now(),
        ok=not error,
        error=error[:ERROR_MAX_LENGTH],
    )


def deliver_one(
    message_id: int, *, connections: _Connections, report: DeliveryReport, worker: str
) -> None:
    token = f"{worker}/{uuid.uuid4().hex[:12]}"
    started = timezone.now()
    if not claim(message_id, token=token, now=started):
        return  # another worker has it, or it is no longer due
    message = Message.objects.get(pk=message_id)
    try:
        _send(message, connections)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        logger.warning("Outbox message %s (%s) not sent: %s", message.pk, message.kind, error)
        give_up = message.attempts >= message.max_attempts
        with transaction.atomic():
            _record(message, worker=worker, started=started, error=error)
            updated = Message.objects.filter(pk=message.pk, claimed_by=token).update(
                status=Message.Status.FAILED if give_up else Message.Status.QUEUED,
                due_at=timezone.now() + retry_delay(message.attempts),
                lease_until=None,
                last_error=error[:ERROR_MAX_LENGTH],
            )
        if give_up and updated:
            report.failed += 1
        elif updated:
            report.retrying += 1
        return
    # The mark and the attempt's record in one commit, right after the server's "accepted": the
    # moment in which a kill would repeat the message is as short as it can be (one write
    # transaction, where it used to be two).
    with transaction.atomic():
        marked = Message.objects.filter(
            pk=message.pk, claimed_by=token, status=Message.Status.SENDING
        ).update(
            status=Message.Status.SENT, sent_at=timezone.now(), lease_until=None, last_error=""
        )
        _record(message, worker=worker, started=started, error="")
    if marked:
        report.sent += 1
    else:
        # Our lease ran out while the mail server took its time and another worker took over.
        report.lost_claims += 1
        logger.error("Outbox message %s: the claim was taken over while sending.", message.pk)


def deliver_due(*, limit: int | None = None, worker: str | None = None) -> DeliveryReport:
    """Send every message that is due now (up to `limit`), oldest first."""
    worker = worker or worker_name()
    report = DeliveryReport()
    connections = _Connections()
    batch = settings.OUTBOX_BATCH_SIZE
    handled = 0
    try:
        while limit is None or handled < limit:
            now = timezone.now()
            ids = list(
                Message.objects.due(now)
                .order_by("due_at", "pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not ids:
                break
            for message_id in ids:
                deliver_one(message_id, connections=connections, report=report, worker=worker)
                handled += 1
                if limit is not None and handled >= limit:
                    break
            if len(ids) < batch:
                break
    finally:
        connections.close()
    return report
