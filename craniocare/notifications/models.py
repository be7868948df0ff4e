"""Reminders before a session: one row per (offset, channel) of a booking, due at an absolute
UTC instant (the session's start minus the offset), so a reminder across a change of clocks
arrives exactly as many hours before the session as the practice promised.

The worker's periodic job (services.reminders_send_due) claims due rows with a conditional
UPDATE and turns each into an outbox message in the same transaction. The index on
(status, due_at) keeps that scan to the rows that are due, however many past bookings there are.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from craniocare.bookings.models import Booking
from craniocare.outbox.models import Message


class Reminder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        QUEUED = "queued", "Queued"  # handed to the outbox (its message says whether it went)
        CANCELLED = "cancelled", "Cancelled"  # the booking was moved or cancelled
        SKIPPED = "skipped", "Skipped"  # due, but nothing to send (no phone, no consent, moved)

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    offset_hours = models.PositiveIntegerField(help_text="Hours before the session starts.")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    session_start = models.DateTimeField(help_text="The session's start this reminder is for.")
    due_at = models.DateTimeField(help_text="session_start minus the offset, in UTC.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    skip_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            # The periodic scan: WHERE status = 'pending' AND due_at <= now ORDER BY due_at.
            models.Index(fields=["status", "due_at"], name="notifications_reminder_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "offset_hours", "channel", "session_start"],
                condition=Q(status="pending"),
                name="notifications_reminder_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "queued", "cancelled", "skipped"]),
                name="notifications_reminder_status_valid",
            ),
        ]

    def __str__(self) -> str:
        start = f"{self.session_start:%Y-%m-%d %H:%M}"
        return f"{self.channel} reminder {self.offset_hours} h before {start} UTC"

    @property
    def outbox_key(self) -> str:
        """The outbox key of this reminder's message (keys are unique forever: the pk is)."""
        return f"{reminder_key_prefix(self.booking.uid)}{self.pk}:{self.channel}"


def reminder_key_prefix(booking_uid: str) -> str:
    return f"reminder:{booking_uid}:"
