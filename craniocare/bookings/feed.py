"""The practitioner's secret-URL iCalendar feed (subscribe from Google, Apple or Outlook).

The token in the URL is the only credential, so the feed holds as little as a schedule needs:
the service, the client's initials, the time and the status. Never notes, email, phone or any
health matter; and no initials for a restricted record (clients/restriction.py), which has no
session to open it in here. Only the token's SHA-256 is stored (CalendarFeed). The
practitioner's page and the feed itself are views/feed.py.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from craniocare.clients.restriction import RESTRICTED_LABEL
from craniocare.core.availability_version import (
    PRACTICE,
    LruCache,
    practitioner_scope,
    versions_of,
)
from craniocare.lib.tz import to_utc
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


@dataclass(frozen=True)
class RenderedFeed:
    """A feed's text with its validators (a calendar app that polls gets a 304 when they match)."""

    body: bytes
    etag: str
    last_modified: datetime


_FEEDS = LruCache(size=64)


def feed_rendered(*, practitioner: Practitioner, now: datetime | None = None) -> RenderedFeed:
    """The practitioner's feed for today (UTC), rendered once per process for each availability
    version of the practitioner and the practice (every booking, service and practitioner write
    gives a new one, in any process), so polling costs two small queries, not a render."""
    now = to_utc(now or timezone.now())
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    versions = versions_of(PRACTICE, practitioner_scope(practitioner.pk))
    key = (practitioner.pk, today, tuple((scope, value) for scope, value, _ in versions))
    found = _FEEDS.get(key)
    if found is None:
        digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
        found = RenderedFeed(
            body=feed_calendar(practitioner=practitioner, now=today),
            etag=f'"{digest}"',
            last_modified=max([today, *(changed for _, _, changed in versions)]),
        )
        _FEEDS.set(key, found)
    return found


def feed_calendar(*, practitioner: Practitioner, now: datetime | None = None) -> bytes:
    """The feed's iCalendar text: one VEVENT per booking, UTC times, the booking's one UID and
    SEQUENCE (the same as in the client's invitations). `feed_rendered` serves it from the
    start of the day, so that it stays the same all day unless a booking changes."""
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
        .select_related("service", "client")
        .order_by("start")
    )
    for booking in bookings:
        who = RESTRICTED_LABEL if booking.client.is_restricted else initials(booking.client_name)
        event = Event()
        event.add("uid", event_uid(booking))
        event.add("sequence", booking.sequence)
        event.add("dtstamp", booking.updated_at.astimezone(UTC))
        event.add("dtstart", booking.start.astimezone(UTC))
        event.add("dtend", booking.end.astimezone(UTC))
        event.add("summary", f"{booking.service.name}: {who}")
        event.add("status", _ICAL_STATUS.get(Status(booking.status), "CONFIRMED"))
        event.add("transp", "TRANSPARENT" if booking.status == Status.CANCELLED else "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
