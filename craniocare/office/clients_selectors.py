"""Reads for the back office's client screens (search, profile). Every query starts from the
access rules in craniocare.accounts.access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from craniocare.bookings.access import bookings_for
from craniocare.bookings.models import Booking, Status
from craniocare.clients.access import clients_for
from craniocare.clients.models import Client, phone_digits

PAGE_SIZE = 25
HISTORY_LIMIT = 50


def client_search(*, user: Any, query: str) -> QuerySet[Client]:
    """Clients `user` may see whose name or email contains `query`, or whose phone contains its
    digits (at least three of them, so "12" does not match half the practice)."""
    clients = clients_for(user).only("pk", "name", "email", "phone")
    query = query.strip()
    if not query:
        return clients.order_by("name", "email")
    match = Q(name__icontains=query) | Q(email__icontains=query)
    digits = phone_digits(query)
    if len(digits) >= 3:
        match |= Q(phone_digits__contains=digits)
    return clients.filter(match).order_by("name", "email")


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
