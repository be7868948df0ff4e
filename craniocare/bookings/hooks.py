"""What happens when a booking changes. The write paths call `on_booking_changed` inside their
transaction, right after the change is written, so everything it writes commits with the change
or not at all:

- the client's and the practitioner's emails become outbox rows (emails.py; the worker sends
  them, so a mail server that is slow or down never touches the booking);
- every registered listener runs: apps above bookings (reminders, the waitlist) register one
  from their AppConfig.ready(), so bookings never imports them.

Whether a change sends email is the write path's `notify` argument (False for the demo's invented
bookings), never something read from the booking's data.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.db import transaction

from .emails import queue_booking_emails
from .models import Booking, BookingEvent

__all__ = ["BookingEvent", "BookingListener", "on_booking_changed", "register_booking_listener"]

logger = logging.getLogger("craniocare.bookings")


class BookingListener(Protocol):
    def __call__(self, booking: Booking, event: BookingEvent, *, notify: bool) -> None: ...


_listeners: list[BookingListener] = []


def register_booking_listener(listener: BookingListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def on_booking_changed(
    booking: Booking, event: BookingEvent, *, notify: bool = True, notify_client: bool = True
) -> None:
    if notify:
        queue_booking_emails(booking, event, notify_client=notify_client)
    for listener in _listeners:
        listener(booking, event, notify=notify)
    transaction.on_commit(
        lambda: logger.info(
            "Booking %s %s: %s with %s at %s",
            booking.uid,
            event,
            booking.service_id,
            booking.practitioner_id,
            booking.start.isoformat(),
        ),
        robust=True,
    )
