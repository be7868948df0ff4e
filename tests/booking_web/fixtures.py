"""The practice the public booking pages are tested on, built with factories: the demo's facts
these tests read (DESIGN.md §4), without the demo's articles, covers, pages and past bookings.

- The practice profile as the demo has it (`craniocare.demo.practice.PRACTICE`): name, address,
  phone, email, cancellation policy, CAD, Ontario's holidays.
- serena (Serena Hale): Mon-Fri 09:00-12:00 and 13:00-17:00 Toronto; `craniosacral-60`
  (60 min, 120.00), `craniosacral-90` (90 min, 165.00) and `jaw-tmj-60` (60 min, 130.00, needs
  the intraoral consent), each with a 15 min buffer after.
- pia (Pia Lindqvist): Tuesday and Thursday 12:00-19:00, Saturday 10:00-14:00; her own
  `somatic-release-60` (60 min, 125.00).

Every service: 30 min step, 12 h notice, 180 days window, 24 h cutoff (the factory's defaults).
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from typing import Any

import pytest

from craniocare.accounts.models import User
from craniocare.demo.practice import PRACTICE
from tests.factories import PracticeProfileFactory, ServiceFactory, give_hours
from tests.personas import practitioner_user

# slug, name, minutes, price, consents; all with a 15 min buffer after.
SERENAS_SERVICES = (
    ("craniosacral-60", "CranioSacral Therapy, 60 minutes", 60, "120.00", []),
    ("craniosacral-90", "CranioSacral Therapy, 90 minutes", 90, "165.00", []),
    ("jaw-tmj-60", "Jaw and TMJ session, 60 minutes", 60, "130.00", ["intraoral"]),
)
PIAS_SERVICE = ("somatic-release-60", "Somatic Release, 60 minutes", 60, "125.00", [])
PIAS_HOURS = ((1, time(12), time(19)), (3, time(12), time(19)), (5, time(10), time(14)))


def build_booking_site() -> tuple[User, User]:
    """Creates the practice described above; returns (serena, pia)."""
    PracticeProfileFactory(**PRACTICE)
    serena = practitioner_user("serena", "Serena", "Hale")
    pia = practitioner_user("pia", "Pia", "Lindqvist", position=1, hours=[])
    for weekday, start, end in PIAS_HOURS:
        give_hours(pia.practitioner, weekdays=[weekday], spans=[(start, end)])
    services = (*SERENAS_SERVICES, PIAS_SERVICE)
    for position, (slug, name, minutes, price, consents) in enumerate(services, start=1):
        ServiceFactory(
            slug=slug,
            name=name,
            duration_minutes=minutes,
            price=Decimal(price),
            consents_required=consents,
            position=position,
            practitioners=[pia.practitioner if slug == PIAS_SERVICE[0] else serena.practitioner],
        )
    return serena, pia


@pytest.fixture
def booking_site(db: Any, web_clock: Any) -> tuple[User, User]:
    """The practice above, on the booking pages' pinned clock (tests.clock.WEB_NOW)."""
    return build_booking_site()


@pytest.fixture
def live_booking_site(db: Any) -> tuple[User, User]:
    """The practice above on the real clock, for the browser tests' live server."""
    return build_booking_site()


__all__ = ["booking_site", "live_booking_site"]
