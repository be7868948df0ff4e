"""Back-office records that belong to no other domain app."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from craniocare.scheduling.models import Practitioner


class CalendarFeed(models.Model):
    """A practitioner's secret calendar-feed URL. Only the SHA-256 of the token is stored: the
    token itself is shown once, in the URL, when it is made; resetting it makes a new one and
    the old URL answers 404 from then on."""

    practitioner = models.OneToOneField(
        Practitioner, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.practitioner}"


class OfficeVisit(models.Model):
    """When a staff user last opened Today: its "new bookings since your last visit" count."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_visit"
    )
    last_today_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} last opened Today at {self.last_today_at:%Y-%m-%d %H:%M} UTC"
