"""The practitioner's secret-URL iCalendar feed (subscribe from Google, Apple or Outlook).

The token in the URL is the only credential, so the feed holds as little as a schedule needs:
the service, the client's initials, the time and the status. Never notes, email, phone or any
health matter. Only the token's SHA-256 is stored (CalendarFeed). The practitioner's page and
the feed itself are views/feed.py.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from craniocare.scheduling.models import Practitioner

from .ics import event_uid
from .models import Booking, CalendarFeed, Status

# The feed covers this much of the past and the future.
PAST = timedelta(days=60)
FUTURE = timedelta(days=365)

_ICAL_STATUS = {
    Status.CONFIRMED: "CONFIRMED",
    Status.COMPLETED: "CONFIRMED",
    Status.NO_SHOW: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_reset(*, practitioner: Practitioner) -> str:
    """A new secret token for the practitioner's feed; any earlier URL stops working."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        practitioner=practitioner, defaults={"token_hash": _hash(token)}
    )
    return token


def feed_practitioner(token: str) -> Practitioner | None:
    """Whose feed `token` opens, or None."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("practitioner").filter(token_hash=_hash(token)).first()
    )
    return feed.practitioner if feed else None


def initials(name: str) -> str:
    """'Alice van Martin' -> 'A.V.M.'; at most three letters, never the name itself."""
    letters = [part[0].upper() for part in name.split() if part[:1].isalpha()]
    return ".".join(letters[:3]) + "." if letters else "Client"


def feed_calendar(*, practitioner: Practitioner, now: datetime | None = None) -> bytes:
    """The feed's iCalendar text: one VEVENT per booking, UTC times, the booking's one UID and
    SEQUENCE (the same as in the client's invitations)."""
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//CranioCare//Office feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{practitioner.display_name}: sessions")
    calendar.add("x-published-ttl", "PT1H")
    bookings = (
        Booking.objects.filter(
            practitioner=practitioner, start__gte=now - PAST, start__lt=now + FUTURE
        )
        .select_related("service")
        .order_by("start")
    )
    for booking in bookings:
        event = Event()
        event.add("uid", event_uid(booking))
        event.add("sequence", booking.sequence)
        event.add("dtstamp", booking.updated_at.astimezone(UTC))
        event.add("dtstart", booking.start.astimezone(UTC))
        event.add("dtend", booking.end.astimezone(UTC))
        event.add("summary", f"{booking.service.name}: {initials(booking.client_name)}")
        event.add("status", _ICAL_STATUS.get(Status(booking.status), "CONFIRMED"))
        event.add("transp", "TRANSPARENT" if booking.status == Status.CANCELLED else "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
