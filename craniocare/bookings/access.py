"""Access getters for bookings in the back office (the rules: craniocare.accounts.access).

Staff see every booking on the schedule; what the client wrote when booking is health
information, shown only where ``craniocare.clients.access.may_see_health_info`` allows.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from craniocare.accounts.permissions import is_staff_member

from .models import Booking


def bookings_for(user: Any) -> Any:
    """Bookings `user` may see on the schedule (not what the client wrote: see module doc)."""
    if not is_staff_member(user):
        return Booking.objects.none()
    return Booking.objects.all()


def get_booking_for(user: Any, pk: int) -> Booking:
    return get_object_or_404(bookings_for(user), pk=pk)
