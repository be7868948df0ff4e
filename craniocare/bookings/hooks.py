"""What happens after a booking changes. Called once the transaction has committed, through
`transaction.on_commit(..., robust=True)`: a failure here is logged and never undoes the change.

It logs the change and sends the client's and the practitioner's emails
(craniocare/bookings/emails.py) through Django's mail backend; the notifications issue turns
them into outbox rows. A mail failure is logged there and never reaches the booking. Whether a
change sends email is the write path's `notify` argument (False for the demo's invented
bookings), never something read from the booking's data.
"""

from __future__ import annotations

import logging

from .emails import send_booking_emails
from .models import Booking, BookingEvent

__all__ = ["BookingEvent", "on_booking_changed"]

logger = logging.getLogger("craniocare.bookings")


def on_booking_changed(
    booking: Booking, event: BookingEvent, *, notify: bool = True, notify_client: bool = True
) -> None:
    logger.info(
        "Booking %s %s: %s with %s at %s",
        booking.uid,
        event,
        booking.service_id,
        booking.practitioner_id,
        booking.start.isoformat(),
    )
    if not notify:
        return
    send_booking_emails(booking, event, notify_client=notify_client)
