"""The expected, user-facing refusals of a booking change (raised by craniocare/bookings/
services.py and the manage-token getters). Each has a stable `code`: the API answers it as
``{"error": code}``, the pages turn it into a message."""

from __future__ import annotations

__all__ = [
    "BookingError",
    "BookingNotChangeable",
    "CancellationWindowPassed",
    "IdempotencyConflict",
    "SlotUnavailable",
]


class BookingError(Exception):
    """Base of the expected, user-facing refusals of a booking change."""

    code = "booking_error"


class SlotUnavailable(BookingError):
    """The start is not an offered slot (taken, off-grid, past, inside notice, outside hours)."""

    code = "slot_unavailable"


class IdempotencyConflict(BookingError):
    """The idempotency key was already used for a different request."""

    code = "idempotency_conflict"


class CancellationWindowPassed(BookingError):
    """A client tried to cancel or reschedule inside the service's cancellation cutoff."""

    code = "cancellation_window_passed"


class BookingNotChangeable(BookingError):
    """The booking is no longer confirmed (cancelled, completed, no-show)."""

    code = "not_changeable"
