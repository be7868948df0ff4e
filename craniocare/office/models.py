"""Records of the office shell itself (the calendar feed is the bookings app's)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OfficeVisit(models.Model):
    """When a staff user last opened Today: its "new bookings since your last visit" count."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_visit"
    )
    last_today_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} last opened Today at {self.last_today_at:%Y-%m-%d %H:%M} UTC"
