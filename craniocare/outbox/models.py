"""The outbox: every message the practice sends is a row here, written in the same transaction as
the change that causes it, and sent by the worker (delivery.py) with retries, exactly once.

A row is claimed with a conditional UPDATE (status and lease in the WHERE clause, row count
checked), so two workers never send the same message, and a claim whose lease has run out (its
worker died mid-send) is taken over by the next sweep.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Q


class MessageQuerySet(models.QuerySet["Message"]):
    def due(self, now: datetime) -> MessageQuerySet:
        """Ready to send: queued and due, or claimed by a worker whose lease ran out."""
        return self.filter(
            Q(status=Message.Status.QUEUED, due_at__lte=now)
            | Q(status=Message.Status.SENDING, lease_until__lt=now)
        )

    def waiting(self) -> MessageQuerySet:
        return self.filter(status__in=[Message.Status.QUEUED, Message.Status.SENDING])


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    kind = models.CharField(max_length=60, help_text="What the message is, e.g. booking_created.")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    recipients = models.JSONField(default=list, help_text="Email addresses or one phone number.")
    subject = models.CharField(max_length=300, blank=True)
    # The whole message as it will go out: body, HTML, attachments, headers (serialization.py).
    payload = models.JSONField(default=dict)
    message_id = models.CharField(max_length=200, blank=True, help_text="Stable across retries.")
    clinical = models.BooleanField(
        default=False, help_text="Carries health information: the office never shows its body."
    )
    # A message with a key is written once: a second enqueue with the same key is skipped.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    due_at = models.DateTimeField(help_text="Not sent before this (retries move it on).")
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=8)
    lease_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=80, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="outbox_due"),
            models.Index(fields=["status", "lease_until"], name="outbox_lease"),
            models.Index(fields=["kind", "created_at"], name="outbox_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {', '.join(self.recipients)} ({self.status})"

    @property
    def recipient_label(self) -> str:
        return ", ".join(self.recipients)


class Attempt(models.Model):
    """One try at sending a message, kept for the Outbox screen and for support."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attempt_log")
    worker = models.CharField(max_length=80)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    ok = models.BooleanField()
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{'sent' if self.ok else 'failed'} at {self.started_at:%Y-%m-%d %H:%M:%S}"


class WorkerHeartbeat(models.Model):
    """Each worker process writes its heartbeat on every sweep; /healthz reads the newest."""

    worker = models.CharField(max_length=120, unique=True)
    backend = models.CharField(max_length=40)
    seen_at = models.DateTimeField(db_index=True)
    started_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker


class PeriodicRun(models.Model):
    """When a periodic job may next run. A worker claims a run with a conditional UPDATE on
    `next_run_at`, so with several workers a job such as the nightly backup runs once."""

    name = models.CharField(max_length=60, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
