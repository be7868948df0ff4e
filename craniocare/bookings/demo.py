"""Demo schedule and bookings for `seed_demo` (DESIGN.md §4). Idempotent.

Two practitioners: serena (the three CranioSacral services, Monday to Friday) and pia (her own
somatic-release-60, Tuesday and Thursday afternoons and evenings, Saturday mornings), each with
their own clients and past and future bookings.

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

from .errors import BookingError
from .models import Booking, Source, Status
from .requests import ClientDetails
from .services import booking_create, booking_set_outcome

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

PIA_BIO = (
    "Pia works with the breath, the ribs and the shoulders: light, unhurried touch for people "
    "whose stress sits in the chest and neck. Her sessions suit those who find stillness hard "
    "and would like to learn, slowly, what settling feels like."
)


@dataclass(frozen=True)
class DemoPractitioner:
    email: str
    slug: str
    bio: str
    hours: tuple[tuple[int, time, time], ...]  # (weekday, start, end), local wall clock
    services: tuple[str, ...]
    position: int


PRACTITIONERS = (
    DemoPractitioner(
        PRACTITIONER_EMAIL,
        PRACTITIONER_SLUG,
        BIO,
        tuple((day, start, end) for day in range(5) for start, end in WEEKLY_HOURS),
        SERVICE_SLUGS,
        0,
    ),
    DemoPractitioner(
        "pia@example.com",
        "pia",
        PIA_BIO,
        ((1, time(12), time(19)), (3, time(12), time(19)), (5, time(10), time(14))),
        ("somatic-release-60",),
        1,
    ),
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
# The afternoon off: Thursday of next week, 13:00-17:00 local.
TIME_OFF = (1, 3, time(13), time(17))


def _local(monday: date, week: int, weekday: int, at: time, zone: ZoneInfo) -> datetime:
    day = monday + timedelta(weeks=week, days=weekday)
    return datetime.combine(day, at, tzinfo=zone)


def _seed_practitioner(demo: DemoPractitioner) -> Practitioner | None:
    """The practitioner row for `demo` (created once), their weekly hours and services."""
    user = get_user_model().objects.filter(email=demo.email).first()
    if user is None:
        logger.warning("Demo practitioner %s skipped: no user %s.", demo.slug, demo.email)
        return None
    practitioner = Practitioner.objects.filter(slug=demo.slug).first()
    if practitioner is None:
        practitioner = Practitioner(
            user=user,
            slug=demo.slug,
            display_name=user.get_full_name() or demo.slug.title(),
            bio=demo.bio,
            time_zone=ZONE,
            position=demo.position,
        )
        practitioner.full_clean()
        practitioner.save()
    if not practitioner.working_hours.exists():
        WorkingHours.objects.bulk_create(
            WorkingHours(practitioner=practitioner, weekday=weekday, start=start, end=end)
            for weekday, start, end in demo.hours
        )
    for offered in Service.objects.filter(slug__in=demo.services):
        offered.practitioners.add(practitioner)
    return practitioner


def seed_schedule_and_bookings(now: datetime | None = None) -> None:
    """Practitioners `serena` and `pia` (for their users), their hours and services, an
    afternoon off and a few past and future bookings each. A practitioner whose user does not
    exist is skipped (with a log line), and so are their bookings."""
    now = now or timezone.now()
    zone = ZoneInfo(ZONE)
    with transaction.atomic():
        practitioners = {
            demo.slug: practitioner
            for demo in PRACTITIONERS
            if (practitioner := _seed_practitioner(demo)) is not None
        }
        if not practitioners:
            return
        services = {s.slug: s for s in Service.objects.all()}

        today = now.astimezone(zone).date()
        monday = today - timedelta(days=today.weekday())
        serena = practitioners.get(PRACTITIONER_SLUG)
        if (
            serena is not None
            and not TimeOff.objects.filter(practitioner=serena, reason=TIME_OFF_REASON).exists()
        ):
            week, weekday, start, end = TIME_OFF
            TimeOff.objects.create(
                practitioner=serena,
                start=_local(monday, week, weekday, start, zone),
                end=_local(monday, week, weekday, end, zone),
                reason=TIME_OFF_REASON,
            )
        # Each demo booking once, ever: a later run (weeks on) adds none at new dates.
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
