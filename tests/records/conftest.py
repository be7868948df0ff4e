"""The records journey runs on the booking pages' practice (tests/booking_web/fixtures.py)."""

from tests.booking_web.fixtures import live_booking_site

__all__ = ["live_booking_site"]
