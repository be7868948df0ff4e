"""Bookings: a client's session with a practitioner, as a range of UTC instants.

`blocked_start`/`blocked_end` is what the booking occupies in the practitioner's calendar (the
session plus the service's buffers). The database refuses two overlapping active bookings of one
practitioner: an exclusion constraint on PostgreSQL, a trigger on SQLite (migration 0002). Write
through craniocare/bookings/services.py only.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Literal

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from craniocare.core.models import validate_time_zone
from craniocare.scheduling.models import Practitioner


class Status(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"
    NO_SHOW = "no_show", "No-show"


# Statuses that hold time in the calendar. Cancelled frees it. Migration 0002 repeats this list in
# SQL (the exclusion constraint and the triggers; 0005 re-creates the triggers): change both
# together.
ACTIVE_STATUSES: tuple[str, ...] = (Status.CONFIRMED, Status.COMPLETED, Status.NO_SHOW)


# The longest blocked range a booking can have: a service lasts at most 8 h with at most 4 h of
# buffer on each side (catalog.Service validators), 16 h in all. The database refuses more
# (migration 0005: a CHECK on PostgreSQL, the trigger on SQLite), so a range query may bound
# how far back an overlapping booking can start, and an index on (practitioner, blocked_start)
# or (practitioner, start) reads only the window, never the years of history before it.
MAX_BLOCKED_SPAN = timedelta(hours=24)


BookingEvent = Literal["created", "rescheduled", "cancelled"]
"""What happened to a booking, for what follows a change (craniocare/bookings/hooks.py, emails)."""


class Source(models.TextChoices):
    ONLINE = "online", "Online booking"
    OFFICE = "office", "Back office"
    API = "api", "API"


def new_uid() -> str:
    """A public, unguessable booking id (96 random bits, URL-safe)."""
    return secrets.token_urlsafe(12)


class BookingQuerySet(models.QuerySet["Booking"]):
    def active(self) -> BookingQuerySet:
        """Bookings that hold time: confirmed, completed, no-show (not cancelled)."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def upcoming(self, now: object) -> BookingQuerySet:
        return self.filter(status=Status.CONFIRMED, start__gte=now).order_by("start")

    def overlapping(self, start: datetime, end: datetime) -> BookingQuerySet:
        """Bookings whose blocked range meets [start, end). The lower bound on blocked_start
        (MAX_BLOCKED_SPAN) lets the index on (practitioner, blocked_start) narrow both sides."""
        return self.filter(
            blocked_start__lt=end,
            blocked_start__gt=start - MAX_BLOCKED_SPAN,
            blocked_end__gt=start,
        )

    def sessions_meeting(self, start: datetime, end: datetime) -> BookingQuerySet:
        """Bookings whose session [start, end) meets [start, end), bounded like overlapping()
        so the index on (practitioner, start) reads only the window."""
        return self.filter(start__lt=end, start__gt=start - MAX_BLOCKED_SPAN, end__gt=start)


class Booking(models.Model):
    uid = models.CharField(max_length=32, unique=True, default=new_uid, editable=False)
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="bookings"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="bookings")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="bookings")
    # What the client typed when booking (the Client record may change later).
    client_name = models.CharField(max_length=200)
    client_email = models.EmailField()
    client_phone = models.CharField(max_length=40, blank=True)

    start = models.DateTimeField()
    end = models.DateTimeField()
    blocked_start = models.DateTimeField(help_text="Start minus the buffer before.")
    blocked_end = models.DateTimeField(help_text="End plus the buffer after.")
    booked_tz = models.CharField(
        "booked in time zone",
        max_length=64,
        validators=[validate_time_zone],
        help_text="The IANA zone the client saw the times in.",
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.ONLINE)
    notes = models.TextField(
        blank=True, help_text="What the client wants the practitioner to know."
    )
    first_visit = models.BooleanField(default=False)

    # NULL (not "") when absent: only given keys are unique.
    idempotency_key = models.CharField(max_length=255, null=True, blank=True)  # noqa: DJ001
    request_fingerprint = models.CharField(max_length=64, blank=True)
    manage_token_hash = models.CharField(max_length=64, editable=False)

    cancellation_reason = models.TextField(blank=True)
    # RFC 5545 SEQUENCE: 0 when made, one more with every change of time or status (the write
    # paths in services.py increment it in the same UPDATE as the change). The database default
    # covers rows written by raw SQL (tests, imports).
    sequence = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="bookings_booking_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_start__lte=F("start"), blocked_end__gte=F("end")),
                name="bookings_booking_blocked_covers_session",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]),
                name="bookings_booking_status_valid",
            ),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="bookings_booking_idempotency_key_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["practitioner", "blocked_start", "blocked_end"],
                name="bookings_busy_lookup",
            ),
            models.Index(fields=["client", "start"], name="bookings_client_start"),
            # The office calendar and the calendar feed (a practitioner's sessions by start).
            models.Index(fields=["practitioner", "start"], name="bookings_practitioner_start"),
            # Today: every practitioner's sessions of one day.
            models.Index(fields=["start"], name="bookings_start"),
            # Today's "new since your last visit", for a practitioner and for the front desk.
            models.Index(fields=["practitioner", "created_at"], name="bookings_pract_created"),
            models.Index(fields=["created_at"], name="bookings_created"),
        ]

    def __str__(self) -> str:
        return f"{self.service} with {self.practitioner} at {self.start:%Y-%m-%d %H:%M} UTC"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def manage_path(self, token: str) -> str:
        """The path of the client's manage page, with the token as query string."""
        return reverse("bookings:manage", kwargs={"uid": self.uid}) + f"?token={token}"


class CalendarFeed(models.Model):
    """A practitioner's secret calendar-feed URL (feed.py). Only the SHA-256 of the token is
    stored: the token itself is shown once, in the URL, when it is made; resetting it makes a new
    one and the old URL answers 404 from then on. (Moved from the office app: migrations
    office 0003 and bookings 0004 keep the table and its rows.)"""

    practitioner = models.OneToOneField(
        Practitioner, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.practitioner}"
