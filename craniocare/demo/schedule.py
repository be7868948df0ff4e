"""The demo's practitioners, their weekly hours and an afternoon off.

serena offers the three CranioSacral services, Monday to Friday; pia her own
somatic-release-60, Tuesday and Thursday afternoons and evenings and Saturday mornings. Hours and
time off go through the scheduling write paths (which cancel nothing here, so they tell nobody
anything). Practitioner rows have no write path (the office has no screen that creates one), so
the demo writes them itself, checked with `full_clean()`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from craniocare.scheduling.models import Practitioner, TimeOff
from craniocare.scheduling.services import time_off_create, working_hours_replace

logger = logging.getLogger(__name__)

PRACTITIONER_EMAIL = "serena@example.com"
PRACTITIONER_SLUG = "serena"
ZONE = "America/Toronto"
SERVICE_SLUGS = ("craniosacral-60", "craniosacral-90", "jaw-tmj-60")
WEEKLY_HOURS = ((time(9), time(12)), (time(13), time(17)))  # Monday to Friday
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

# The afternoon off: Thursday of next week, 13:00-17:00 local.
TIME_OFF = (1, 3, time(13), time(17))


def demo_time(monday: date, week: int, weekday: int, at: time) -> datetime:
    """`at` (wall clock, in the practice's zone) on `weekday` of the week `week` weeks from
    `monday`."""
    day = monday + timedelta(weeks=week, days=weekday)
    return datetime.combine(day, at, tzinfo=ZoneInfo(ZONE))


def monday_of(now: datetime) -> date:
    """The Monday of the week `now` falls in, in the practice's zone: the demo's dates count
    weeks from it."""
    today = now.astimezone(ZoneInfo(ZONE)).date()
    return today - timedelta(days=today.weekday())


def _seed_practitioner(demo: DemoPractitioner) -> Practitioner | None:
    """The practitioner row for `demo` (created once) and their weekly hours (set once)."""
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
        weekly: dict[int, list[tuple[time, time]]] = {}
        for weekday, start, end in demo.hours:
            weekly.setdefault(weekday, []).append((start, end))
        working_hours_replace(practitioner=practitioner, weekly=weekly)
    return practitioner


def seed_practitioners() -> dict[str, Practitioner]:
    """serena and pia (for the users that exist; a missing one is skipped with a log line),
    by slug."""
    return {
        demo.slug: practitioner
        for demo in PRACTITIONERS
        if (practitioner := _seed_practitioner(demo)) is not None
    }


def seed_time_off(practitioners: Mapping[str, Practitioner], *, now: datetime) -> None:
    """serena's afternoon off (next week's Thursday), once."""
    serena = practitioners.get(PRACTITIONER_SLUG)
    if (
        serena is None
        or TimeOff.objects.filter(practitioner=serena, reason=TIME_OFF_REASON).exists()
    ):
        return
    monday = monday_of(now)
    week, weekday, start, end = TIME_OFF
    time_off_create(
        practitioner=serena,
        start=demo_time(monday, week, weekday, start),
        end=demo_time(monday, week, weekday, end),
        reason=TIME_OFF_REASON,
    )
