"""What happens after a booking changes. Called once the transaction has committed.

It logs the change and sends the client's and the practitioner's emails
(craniocare/bookings/emails.py) through Django's mail backend; the notifications issue turns
them into outbox rows. A mail failure is logged there and never reaches the booking. The demo's
invented bookings (seed_demo) send nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .models import Booking

logger = logging.getLogger("craniocare.bookings")

BookingEvent = Literal["created", "rescheduled", "cancelled"]


def on_booking_changed(
    booking: Booking, event: BookingEvent, *, notify_client: bool = True
) -> None:
    logger.info(
        "Booking %s %s: %s with %s at %s",
        booking.uid,
        event,
        booking.service_id,
        booking.practitioner_id,
        booking.start.isoformat(),
    )
    from .demo import KEY_PREFIX  # imported here: demo imports services, which import hooks
    from .emails import send_booking_emails

    if (booking.idempotency_key or "").startswith(KEY_PREFIX):
        return
    send_booking_emails(booking, event, notify_client=notify_client)


def notify_after_commit(
    booking: Booking, event: BookingEvent, *, notify_client: bool = True
) -> None:
    """Runs the hook; a failure there is logged and never reaches the caller (the booking
    is already committed and stays so)."""
    try:
        on_booking_changed(booking, event, notify_client=notify_client)
    except Exception:
        logger.exception("Booking %s %s: the change hook failed.", booking.uid, event)
