"""Reads for the back office's client screens (search). Every query starts from the access
rules in craniocare.accounts.access. The client's bookings on the profile are the bookings
app's to read and show (bookings/client_bookings.py, through its ``office_bookings`` tags):
clients sits below bookings and never imports it."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .access import clients_for
from .models import Client, phone_digits

PAGE_SIZE = 25


def client_search(*, user: Any, query: str) -> QuerySet[Client]:
    """Clients `user` may see whose name or email contains `query`, or whose phone contains its
    digits (at least three of them, so "12" does not match half the practice)."""
    # Restricted records (an erasure request inside the retention period) stay out of lists.
    clients = clients_for(user).filter(restricted_at__isnull=True)
    clients = clients.only("pk", "name", "email", "phone")
    query = query.strip()
    if not query:
        return clients.order_by("name", "email")
    match = Q(name__icontains=query) | Q(email__icontains=query)
    digits = phone_digits(query)
    if len(digits) >= 3:
        match |= Q(phone_digits__contains=digits)
    return clients.filter(match).order_by("name", "email")
