"""What happens after a booking changes. Called once the transaction has committed.

For now this only logs; the public booking task sends the client's and the practitioner's emails
from here (and the notifications issue turns them into outbox rows). The plain manage token for
the emailed link comes from `craniocare.bookings.tokens.manage_token_for(booking)`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .models import Booking

logger = logging.getLogger("craniocare.bookings")

BookingEvent = Literal["created", "rescheduled", "cancelled"]


def on_booking_changed(booking: Booking, event: BookingEvent) -> None:
    logger.info(
        "Booking %s %s: %s with %s at %s",
        booking.uid,
        event,
        booking.service_id,
        booking.practitioner_id,
        booking.start.isoformat(),
    )


def notify_after_commit(booking: Booking, event: BookingEvent) -> None:
    """Runs the hook; a failure there is logged and never reaches the caller (the booking
    is already committed and stays so)."""
    try:
        on_booking_changed(booking, event)
    except Exception:
        logger.exception("Booking %s %s: the change hook failed.", booking.uid, event)
