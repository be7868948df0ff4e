"""The demo's bookings: past and future sessions with serena's and pia's clients.

Each goes through `booking_create` like every other booking, with `notify=False`: invented
bookings tell nobody. Their dates count weeks from the Monday of the week the seed first runs,
so the past ones lie before `now` and would never be offered slots: the seed passes that `now`
and `allow_outside_rules=True` (the office's override of notice, window, hours and time off,
which still never allows an overlap). Past sessions are then marked completed (or no-show)
with `booking_set_outcome`. Each booking is made once, ever (its idempotency key says so): a
later run, weeks on, adds none at new dates.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time

from craniocare.bookings.errors import BookingError
from craniocare.bookings.models import Booking, Source, Status
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import booking_create, booking_set_outcome
from craniocare.catalog.models import Service
from craniocare.scheduling.models import Practitioner

from .schedule import PRACTITIONER_SLUG, ZONE, demo_time, monday_of

logger = logging.getLogger(__name__)

KEY_PREFIX = "demo-seed:"


@dataclass(frozen=True)
class DemoBooking:
    key: str
    service: str
    name: str
    email: str
    phone: str
    week: int  # weeks from this week's Monday (negative: past)
    weekday: int  # 0 = Monday
    at: time
    outcome: str | None = None  # completed / no_show for past sessions
    first_visit: bool = False
    notes: str = ""
    practitioner: str = PRACTITIONER_SLUG


BOOKINGS = (
    DemoBooking(
        "alice-1",
        "craniosacral-60",
        "Alice Martin",
        "alice@example.com",
        "416-555-0101",
        -3,
        1,
        time(10),
        Status.COMPLETED,
        first_visit=True,
        notes="Tension headaches most afternoons since starting a new job.",
    ),
    DemoBooking(
        "bob-1",
        "jaw-tmj-60",
        "Bob Nguyen",
        "bob@example.com",
        "416-555-0102",
        -2,
        2,
        time(14),
        Status.COMPLETED,
        first_visit=True,
        notes="Jaw clicks on the left side; grinds teeth at night.",
    ),
    DemoBooking(
        "maya-1",
        "craniosacral-90",
        "Maya Chen",
        "maya.chen@example.com",
        "647-555-0133",
        -1,
        4,
        time(9),
        Status.COMPLETED,
        first_visit=True,
        notes="Lower back and pelvic pain after a fall last winter.",
    ),
    DemoBooking(
        "daniel-1",
        "craniosacral-60",
        "Daniel Roy",
        "daniel.roy@example.com",
        "",
        -1,
        1,
        time(15),
        Status.NO_SHOW,
        first_visit=True,
    ),
    DemoBooking(
        "alice-2",
        "craniosacral-60",
        "Alice Martin",
        "alice@example.com",
        "416-555-0101",
        1,
        1,
        time(10),
    ),
    DemoBooking(
        "bob-2", "jaw-tmj-60", "Bob Nguyen", "bob@example.com", "416-555-0102", 1, 2, time(14)
    ),
    DemoBooking(
        "maya-2",
        "craniosacral-90",
        "Maya Chen",
        "maya.chen@example.com",
        "647-555-0133",
        1,
        3,
        time(9),
        notes="Back is much better; neck still stiff.",
    ),
    DemoBooking(
        "daniel-2", "craniosacral-60", "Daniel Roy", "daniel.roy@example.com", "", 2, 0, time(11)
    ),
    # Pia's clients.
    DemoBooking(
        "pia:priya-1",
        "somatic-release-60",
        "Priya Shah",
        "priya.shah@example.com",
        "416-555-0147",
        -2,
        1,
        time(17),
        Status.COMPLETED,
        first_visit=True,
        notes="Tight chest and shallow breathing when work gets busy.",
        practitioner="pia",
    ),
    DemoBooking(
        "pia:tom-1",
        "somatic-release-60",
        "Tom Becker",
        "tom.becker@example.com",
        "647-555-0178",
        -1,
        5,
        time(10),
        Status.COMPLETED,
        first_visit=True,
        notes="Neck and shoulder pain from long hours at a desk.",
        practitioner="pia",
    ),
    DemoBooking(
        "pia:priya-2",
        "somatic-release-60",
        "Priya Shah",
        "priya.shah@example.com",
        "416-555-0147",
        1,
        1,
        time(17),
        notes="Breathing easier since last time; still wake at 4 a.m.",
        practitioner="pia",
    ),
    DemoBooking(
        "pia:lena-1",
        "somatic-release-60",
        "Lena Costa",
        "lena.costa@example.com",
        "",
        1,
        3,
        time(13),
        first_visit=True,
        notes="Startle easily since a car accident in the autumn.",
        practitioner="pia",
    ),
    DemoBooking(
        "pia:tom-2",
        "somatic-release-60",
        "Tom Becker",
        "tom.becker@example.com",
        "647-555-0178",
        2,
        5,
        time(11),
        practitioner="pia",
    ),
)


def seed_bookings(practitioners: Mapping[str, Practitioner], *, now: datetime) -> None:
    """The demo bookings of `practitioners` (by slug) not made yet, telling nobody."""
    monday = monday_of(now)
    services = {s.slug: s for s in Service.objects.all()}
    seeded = set(
        Booking.objects.filter(idempotency_key__startswith=KEY_PREFIX).values_list(
            "idempotency_key", flat=True
        )
    )
    for item in BOOKINGS:
        service = services.get(item.service)
        practitioner = practitioners.get(item.practitioner)
        if service is None or practitioner is None or KEY_PREFIX + item.key in seeded:
            continue
        try:
            result = booking_create(
                service=service,
                start=demo_time(monday, item.week, item.weekday, item.at),
                client=ClientDetails(name=item.name, email=item.email, phone=item.phone),
                source=Source.OFFICE if item.outcome else Source.ONLINE,
                booked_tz=ZONE,
                practitioner=practitioner,
                notes=item.notes,
                first_visit=item.first_visit,
                idempotency_key=KEY_PREFIX + item.key,
                now=now,
                allow_outside_rules=True,
                notify=False,  # send nothing: invented bookings, nobody is told about them
            )
        except BookingError:
            logger.warning("Demo booking %s skipped: its time is taken.", item.key)
            continue
        if item.outcome:
            booking_set_outcome(booking=result.booking, status=item.outcome, now=now)
