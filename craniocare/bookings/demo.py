"""Demo schedule and bookings for `seed_demo` (DESIGN.md §4). Idempotent.

Called by the integrator's seed after the users and services exist. Bookings go through
`booking_create` like every other write; the seed passes `allow_outside_rules=True` so that the
past sessions (and future ones, whatever the day the seed runs) are accepted. That flag still
never allows an overlap. Past sessions are then marked completed (or no-show) with
`booking_set_outcome`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from craniocare.catalog.models import Service
from craniocare.scheduling.models import Practitioner, TimeOff, WorkingHours

from .models import Booking, Source, Status
from .services import (
    BookingError,
    ClientDetails,
    booking_create,
    booking_set_outcome,
)

logger = logging.getLogger(__name__)

PRACTITIONER_EMAIL = "serena@example.com"
PRACTITIONER_SLUG = "serena"
ZONE = "America/Toronto"
SERVICE_SLUGS = ("craniosacral-60", "craniosacral-90", "jaw-tmj-60")
WEEKLY_HOURS = ((time(9), time(12)), (time(13), time(17)))  # Monday to Friday
KEY_PREFIX = "demo-seed:"
TIME_OFF_REASON = "Afternoon off (demo)"
BIO = (
    "Serena has practised CranioSacral Therapy for over a decade, with a particular interest in "
    "jaw and TMJ tension, headaches and the after-effects of stress. Sessions are quiet, gentle "
    "and fully clothed."
)


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
)
# The afternoon off: Thursday of next week, 13:00-17:00 local.
TIME_OFF = (1, 3, time(13), time(17))


def _local(monday: date, week: int, weekday: int, at: time, zone: ZoneInfo) -> datetime:
    day = monday + timedelta(weeks=week, days=weekday)
    return datetime.combine(day, at, tzinfo=zone)


def seed_schedule_and_bookings(now: datetime | None = None) -> None:
    """Practitioner `serena` (for serena@example.com), her hours, services, an afternoon off and
    a few past and future bookings. Skips (with a log line) when the user does not exist."""
    user = get_user_model().objects.filter(email=PRACTITIONER_EMAIL).first()
    if user is None:
        logger.warning("Demo schedule skipped: no user %s.", PRACTITIONER_EMAIL)
        return
    now = now or timezone.now()
    zone = ZoneInfo(ZONE)
    with transaction.atomic():
        practitioner = Practitioner.objects.filter(slug=PRACTITIONER_SLUG).first()
        if practitioner is None:
            practitioner = Practitioner(
                user=user,
                slug=PRACTITIONER_SLUG,
                display_name=user.get_full_name() or "Serena",
                bio=BIO,
                time_zone=ZONE,
            )
            practitioner.full_clean()
            practitioner.save()
        if not practitioner.working_hours.exists():
            WorkingHours.objects.bulk_create(
                WorkingHours(practitioner=practitioner, weekday=weekday, start=start, end=end)
                for weekday in range(5)
                for start, end in WEEKLY_HOURS
            )
        services = {s.slug: s for s in Service.objects.filter(slug__in=SERVICE_SLUGS)}
        for offered in services.values():
            offered.practitioners.add(practitioner)

        today = now.astimezone(zone).date()
        monday = today - timedelta(days=today.weekday())
        if not TimeOff.objects.filter(practitioner=practitioner, reason=TIME_OFF_REASON).exists():
            week, weekday, start, end = TIME_OFF
            TimeOff.objects.create(
                practitioner=practitioner,
                start=_local(monday, week, weekday, start, zone),
                end=_local(monday, week, weekday, end, zone),
                reason=TIME_OFF_REASON,
            )
        if Booking.objects.filter(idempotency_key__startswith=KEY_PREFIX).exists():
            return
        for item in BOOKINGS:
            service = services.get(item.service)
            if service is None:
                continue
            try:
                result = booking_create(
                    service=service,
                    start=_local(monday, item.week, item.weekday, item.at, zone),
                    client=ClientDetails(name=item.name, email=item.email, phone=item.phone),
                    source=Source.OFFICE if item.outcome else Source.ONLINE,
                    booked_tz=ZONE,
                    practitioner=practitioner,
                    notes=item.notes,
                    first_visit=item.first_visit,
                    idempotency_key=KEY_PREFIX + item.key,
                    now=now,
                    allow_outside_rules=True,
                    notify=False,  # invented bookings: nobody is told about them
                )
            except BookingError:
                logger.warning("Demo booking %s skipped: its time is taken.", item.key)
                continue
            if item.outcome:
                booking_set_outcome(booking=result.booking, status=item.outcome, now=now)
