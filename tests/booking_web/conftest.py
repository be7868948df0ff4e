"""Fixtures for the public booking pages: `booking_site`, the practice they are tested on
(tests/booking_web/fixtures.py), on the pinned clock `web_clock` (tests/clock.py: Wednesday
2027-01-13 12:00 in Toronto, 17:00 UTC; winter, Toronto UTC-5 and London UTC+0, so the weekly
hours' 09:00 in Toronto is 14:00 in London; next Monday is 2027-01-18)."""

from .fixtures import *  # noqa: F403  (see fixtures.py)
