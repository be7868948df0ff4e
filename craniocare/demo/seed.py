"""`seed_demo`: the demo practice (DESIGN.md §4), idempotent, on any configured database.

Each step goes through the owning app's write path where one exists, and none of them sends
anything: bookings are made with `booking_create(..., notify=False)`, and the scheduling write
paths are given no bookings to cancel. Running it again changes nothing; a database seeded by an
older release gets what is new (pia, her service, hours and bookings).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .bookings import seed_bookings
from .catalog import seed_services
from .notes import seed_notes
from .pages import seed_pages
from .people import SeedReport, seed_users
from .posts import seed_posts
from .practice import seed_practice
from .schedule import seed_practitioners, seed_time_off

__all__ = ["SeedReport", "seed_demo", "seed_schedule_and_bookings"]


def seed_schedule_and_bookings(*, now: datetime) -> None:
    """The practitioners (for the demo users that exist), their hours, the services they offer,
    an afternoon off and their past and future bookings, dated from `now`'s week."""
    practitioners = seed_practitioners()
    if not practitioners:
        return
    seed_services(practitioners)
    seed_time_off(practitioners, now=now)
    seed_bookings(practitioners, now=now)
    seed_notes()


def seed_demo(*, now: datetime | None = None) -> SeedReport:
    now = now or timezone.now()
    with transaction.atomic():
        seed_practice()
        seed_pages()
        report = seed_users()
        seed_schedule_and_bookings(now=now)
    seed_posts(now=now)
    return report
