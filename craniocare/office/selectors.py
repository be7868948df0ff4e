"""Read-only queries behind the office pages. Each starts from an access getter's queryset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from craniocare.bookings.access import bookings_for
from craniocare.bookings.models import ACTIVE_STATUSES, Booking
from craniocare.clinical.models import SessionNote
from craniocare.clinical.selectors import stale_drafts
from craniocare.lib.tz import local_to_utc_or_after_gap
from craniocare.scheduling.models import Practitioner


@dataclass(frozen=True)
class DayBooking:
    """A booking as the day list shows it: wall-clock times in the practice's zone."""

    booking: Booking
    start: datetime
    end: datetime


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The instants [start, end) of the local calendar day `day` in `zone` (DST-safe)."""
    start = local_to_utc_or_after_gap(day, time(0), zone)
    end = local_to_utc_or_after_gap(day + timedelta(days=1), time(0), zone)
    return start, end


def day_bookings(*, user: Any, day: date, zone: tzinfo) -> list[DayBooking]:
    """The day's active bookings `user` may see, in order. A practitioner sees their own
    sessions; front desk (and an owner who does not practise) sees every practitioner's."""
    start, end = day_bounds(day, zone)
    bookings = (
        bookings_for(user)
        .filter(status__in=ACTIVE_STATUSES, start__gte=start, start__lt=end)
        .select_related("service", "practitioner", "client")
        .order_by("start", "practitioner__position")
    )
    own = Practitioner.objects.filter(user_id=user.pk).first()
    if own is not None:
        bookings = bookings.filter(practitioner=own)
    return [
        DayBooking(booking=b, start=b.start.astimezone(zone), end=b.end.astimezone(zone))
        for b in bookings
    ]


def unsigned_notes(*, user: Any, now: datetime) -> list[SessionNote]:
    """The user's session notes still unsigned after the practice's threshold (settings:
    CLINICAL_UNSIGNED_NOTE_HOURS, 24 h by default): a to-do on Today."""
    return stale_drafts(user=user, now=now)
