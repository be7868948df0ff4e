"""A client's bookings as the office's client profile shows them: the confirmed sessions to
come and everything else, newest first. Read from the access rules (accounts.access); shown
through the ``{% client_bookings client %}`` tag (templatetags/office_bookings.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from craniocare.clients.models import Client

from .access import bookings_for
from .models import Booking, Status

HISTORY_LIMIT = 50


@dataclass(frozen=True)
class ClientBookings:
    upcoming: list[Booking]
    history: list[Booking]
    history_total: int


def client_bookings(*, user: Any, client: Client, now: datetime) -> ClientBookings:
    """The client's confirmed sessions to come, and everything else, newest first."""
    bookings = bookings_for(user).filter(client=client).select_related("service", "practitioner")
    upcoming = list(bookings.upcoming(now)[:20])
    past = bookings.exclude(status=Status.CONFIRMED, start__gte=now).order_by("-start")
    return ClientBookings(
        upcoming=upcoming, history=list(past[:HISTORY_LIMIT]), history_total=past.count()
    )
