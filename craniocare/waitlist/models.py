"""The waitlist: people waiting for a time (`Entry`), and the times offered to them (`Offer`).

An entry asks for a service (optionally one practitioner), a range of dates in the visitor's
zone and times of day. When a matching time is free, the first entry in order of joining gets
an `Offer`: the time held for them until `expires_at`. The database keeps the two promises the
matching relies on: an entry has at most one held offer, and a slot (practitioner, start) is
held for at most one person at a time. Write through craniocare/waitlist/services.py only.
"""

from __future__ import annotations

import secrets
from datetime import time

from django.db import models
from django.db.models import Q

from craniocare.bookings.models import Booking
from craniocare.catalog.models import Service
from craniocare.core.models import validate_time_zone
from craniocare.scheduling.models import Practitioner


def new_uid() -> str:
    """A random public id (96 bits); the link tokens are derived from it (tokens.py)."""
    return secrets.token_urlsafe(12)


class TimeOfDay(models.TextChoices):
    MORNING = "morning", "Mornings (before noon)"
    AFTERNOON = "afternoon", "Afternoons (noon to 5 p.m.)"
    EVENING = "evening", "Evenings (after 5 p.m.)"


# Local wall-clock spans [from, to) of each part of the day; None is midnight at the end.
PARTS_OF_DAY: dict[str, tuple[time, time | None]] = {
    TimeOfDay.MORNING: (time(0), time(12)),
    TimeOfDay.AFTERNOON: (time(12), time(17)),
    TimeOfDay.EVENING: (time(17), None),
}


class EntryStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    BOOKED = "booked", "Booked"
    LEFT = "left", "Left the waitlist"
    REMOVED = "removed", "Removed by the office"
    EXPIRED = "expired", "Dates passed"


class EntryQuerySet(models.QuerySet["Entry"]):
    def waiting(self) -> EntryQuerySet:
        return self.filter(status=EntryStatus.WAITING)

    def in_order(self) -> EntryQuerySet:
        """Order of joining: the first to join is offered first."""
        return self.order_by("created_at", "pk")


class Entry(models.Model):
    uid = models.CharField(max_length=32, unique=True, default=new_uid, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="waitlist_entries")
    practitioner = models.ForeignKey(
        Practitioner,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="waitlist_entries",
        help_text="Empty: any practitioner who offers the service.",
    )
    first_day = models.DateField()
    last_day = models.DateField()
    tz = models.CharField(max_length=64, validators=[validate_time_zone])
    parts_of_day = models.JSONField(default=list, blank=True)
    window_start = models.TimeField(null=True, blank=True)
    window_end = models.TimeField(null=True, blank=True)

    name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)

    status = models.CharField(
        max_length=20, choices=EntryStatus.choices, default=EntryStatus.WAITING
    )
    leave_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="waitlist_entry_last_after_first",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EntryStatus.values), name="waitlist_entry_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "service", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} waiting for {self.service_id} ({self.first_day}..{self.last_day})"


class OfferStatus(models.TextChoices):
    HELD = "held", "Held for them"
    CLAIMED = "claimed", "Booked"
    EXPIRED = "expired", "Not taken in time"
    LOST = "lost", "Taken by someone else first"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Offer(models.Model):
    uid = models.CharField(max_length=32, unique=True, default=new_uid, editable=False)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="offers")
    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    # What the session would occupy (buffers included): no second offer overlaps a held one.
    blocked_start = models.DateTimeField()
    blocked_end = models.DateTimeField()
    expires_at = models.DateTimeField()
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=20, choices=OfferStatus.choices, default=OfferStatus.HELD)
    by_hand = models.BooleanField(default=False, help_text="Offered from the office.")
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"],
                condition=Q(status="held"),
                name="waitlist_offer_one_held_per_entry",
            ),
            models.UniqueConstraint(
                fields=["practitioner", "start"],
                condition=Q(status="held"),
                name="waitlist_offer_one_held_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OfferStatus.values), name="waitlist_offer_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"Offer of {self.start} to entry {self.entry_id} ({self.status})"
