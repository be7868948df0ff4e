"""What the waitlist does when a booking changes (registered in apps.py, run by bookings inside
the booking's transaction): a cancellation or a move may free a time, so a matching run is
queued for after the commit. A new booking frees nothing; demo data (notify=False) sends nothing.
"""

from __future__ import annotations

from craniocare.bookings.models import Booking, BookingEvent

from .models import Entry
from .tasks import queue_matching_after_commit


def on_booking_changed(booking: Booking, event: BookingEvent, *, notify: bool) -> None:
    if event == "created" or not notify:
        return
    if Entry.objects.waiting().filter(service__practitioners=booking.practitioner_id).exists():
        queue_matching_after_commit()
