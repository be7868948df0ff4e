"""How a session's time reads, on the client's clock and the practice's, and until when it can
be changed online. No writes; used by the booking pages, the emails and the client's portal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import dateformat

from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.lib.humanize import format_time, format_time_range, zone_label
from craniocare.lib.tz import is_residential_zone

from .models import Booking

__all__ = [
    "booked_zone",
    "change_deadline",
    "clock",
    "day_label",
    "format_range",
    "format_when",
    "iso_start",
    "practice_zone",
    "time_facts",
]


def practice_zone() -> str:
    """The practice's own zone: times are shown in it until the visitor names theirs."""
    zone = PracticeProfile.load().time_zone
    return zone if is_residential_zone(zone) else "UTC"


def booked_zone(booking: Booking) -> str:
    """The zone the booking was made in (its client's clock), else the practice's."""
    return booking.booked_tz if is_residential_zone(booking.booked_tz) else practice_zone()


def iso_start(instant: datetime) -> str:
    """The start as it travels in links and forms: ISO 8601 in UTC, e.g. 2027-01-18T14:00:00Z."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_label(day: date | datetime, *, year: bool = False) -> str:
    """'Tuesday 1 December' (or with the year)."""
    return dateformat.format(day, "l j F Y" if year else "l j F")


def clock(local: datetime) -> str:
    """A wall-clock time in the practice's locale (settings.LANGUAGE_CODE): '9:00 a.m.'."""
    return format_time(local, settings.LANGUAGE_CODE)


def format_when(instant: datetime, zone: tzinfo, *, year: bool = True) -> str:
    """'Tuesday 1 December 2026, 10:00 a.m.' on a clock in `zone`."""
    local = instant.astimezone(zone)
    return f"{day_label(local, year=year)}, {clock(local)}"


def format_range(start: datetime, end: datetime, zone: tzinfo) -> str:
    """'Tuesday 1 December 2026, 10:00\u201311:00 a.m.' on a clock in `zone`."""
    local = start.astimezone(zone)
    times = format_time_range(local, end.astimezone(zone), settings.LANGUAGE_CODE)
    return f"{day_label(local, year=True)}, {times}"


def time_facts(start: datetime, end: datetime, zone: str, practice_zone: str) -> dict[str, object]:
    """How a session's time reads for the visitor, and for the practice when its zone differs."""
    visitor, practice = ZoneInfo(zone), ZoneInfo(practice_zone)
    return {
        "when": format_range(start, end, visitor),
        "zone": zone_label(zone, start),  # "London time (GMT)"
        "zone_key": zone,  # "Europe/London"
        "practice_when": format_range(start, end, practice),
        "practice_zone": zone_label(practice_zone, start),
        "practice_zone_key": practice_zone,
        "practice_zone_differs": zone != practice_zone,
    }


def change_deadline(service: Service, start: datetime) -> datetime:
    """Until when a client can cancel or move a session online."""
    return start - timedelta(hours=service.cancellation_cutoff_hours)
