"""Access getters for the waitlist. The waitlist is scheduling information (who wants which
time), not health information: every staff member sees it. A person reaches their own entry and
offers only through the unguessable links in their emails."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from craniocare.accounts.permissions import is_staff_member

from .models import Entry, Offer
from .tokens import hash_token

TOKEN_MAX_LENGTH = 64


def entries_for(user: Any) -> QuerySet[Entry]:
    if not is_staff_member(user):
        return Entry.objects.none()
    return Entry.objects.all()


def get_entry_for(user: Any, pk: int) -> Entry:
    return get_object_or_404(entries_for(user).select_related("service"), pk=pk)


def entry_by_leave_token(token: str) -> Entry:
    """The entry whose leave link carries `token`, else 404."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise Http404("No such link.")
    return get_object_or_404(
        Entry.objects.select_related("service", "practitioner"),
        leave_token_hash=hash_token(token),
    )


def offer_by_token(token: str) -> Offer:
    """The offer whose link carries `token`, else 404."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise Http404("No such link.")
    return get_object_or_404(
        Offer.objects.select_related("entry__service", "practitioner", "booking"),
        token_hash=hash_token(token),
    )
