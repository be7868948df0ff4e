"""Reads of reminders."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from craniocare.bookings.models import Booking

from .models import Reminder


def due_reminders(*, now: datetime, limit: int) -> list[tuple[int, int]]:
    """(reminder id, booking id) of pending reminders due by `now`, oldest first.

    Served by the index on (status, due_at): it reads the due rows only, never the history of
    reminders already sent or cancelled."""
    return list(
        Reminder.objects.filter(status=Reminder.Status.PENDING, due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", "booking_id")[:limit]
    )


def reminders_of(booking: Booking) -> QuerySet[Reminder]:
    return Reminder.objects.filter(booking=booking).order_by("due_at", "channel", "pk")
