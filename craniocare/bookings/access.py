"""Access getters for bookings: staff in the back office (the rules: craniocare.accounts.access),
and a client holding a booking's manage link.

Staff see every booking on the schedule; what the client wrote when booking is health
information, shown only where ``craniocare.clients.access.may_see_health_info`` allows. A client
reaches one booking only through its uid and the secret manage token (craniocare/bookings/
tokens.py), compared in constant time.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from craniocare.accounts.permissions import is_staff_member

from .models import Booking
from .tokens import token_matches


def bookings_for(user: Any) -> Any:
    """Bookings `user` may see on the schedule (not what the client wrote: see module doc)."""
    if not is_staff_member(user):
        return Booking.objects.none()
    return Booking.objects.all()


def get_booking_for(user: Any, pk: int) -> Booking:
    return get_object_or_404(bookings_for(user), pk=pk)


_UID = re.compile(r"[A-Za-z0-9_-]{1,32}")


def _booking_by_uid(uid: str) -> Booking | None:
    if not _UID.fullmatch(uid or ""):
        return None
    return (
        Booking.objects.select_related("service", "practitioner", "client").filter(uid=uid).first()
    )


def access_booking(uid: str, token: str) -> Booking:
    """The booking `uid` for the holder of its manage token (Zulip-style access getter).

    Raises Booking.DoesNotExist for an unknown uid and PermissionDenied for a wrong or missing
    token (compared in constant time).
    """
    booking = _booking_by_uid(uid)
    if booking is None:
        raise Booking.DoesNotExist(uid)
    if not token_matches(token or "", booking.manage_token_hash):
        raise PermissionDenied("Wrong manage token.")
    return booking


def booking_by_manage_token(uid: str, token: str) -> Booking | None:
    """The booking `uid` when `token` is its manage token, else None (constant-time check)."""
    try:
        return access_booking(uid, token)
    except (Booking.DoesNotExist, PermissionDenied):
        return None
