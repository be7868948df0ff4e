"""Calendar files (RFC 5545 / iTIP RFC 5546) for a booking: the email attachments and the
download on the confirmation and manage pages come from this one generator.

- UID is `<booking uid>@<settings.CALENDAR_UID_DOMAIN>` (`event_uid`, also used by the
  practitioner's feed): stable across reschedules and hosts, so calendars move the event instead
  of adding a second one; SEQUENCE is the booking's stored `sequence`, which every change of
  time or status increments.
- Times are UTC (`...Z`): correct in every calendar without shipping VTIMEZONE blocks.
- Nothing about the client's health goes in: no notes, no first-visit flag.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parseaddr
from typing import Literal

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from craniocare.core.models import PracticeProfile

from .models import Booking, Status

Method = Literal["REQUEST", "CANCEL", "PUBLISH"]

PRODID = "-//CranioCare//Bookings//EN"


def event_uid(booking: Booking) -> str:
    """The one calendar UID of a booking: invitations, downloads and the practitioner's feed."""
    return f"{booking.uid}@{settings.CALENDAR_UID_DOMAIN}"


def organizer_email(practice: PracticeProfile) -> str:
    """The practice's public address (the sender's address when the practice has none)."""
    return practice.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def location(practice: PracticeProfile) -> str:
    return ", ".join(practice.address_lines)


def summary(booking: Booking) -> str:
    return f"{booking.service.name} with {booking.practitioner.display_name}"


def method_for(event: str) -> Method:
    """The iTIP method of an email about `event` (created, rescheduled, cancelled)."""
    return "CANCEL" if event == "cancelled" else "REQUEST"


def booking_calendar(booking: Booking, method: Method, *, now: datetime | None = None) -> bytes:
    """The VCALENDAR with one VEVENT for `booking`, as bytes (CRLF line endings)."""
    practice = PracticeProfile.load()
    cancelled = method == "CANCEL" or booking.status == Status.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    vevent = Event()
    vevent.add("uid", event_uid(booking))
    vevent.add("sequence", booking.sequence)
    vevent.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    vevent.add("dtstart", booking.start.astimezone(UTC))
    vevent.add("dtend", booking.end.astimezone(UTC))
    vevent.add("summary", summary(booking))
    if practice.address_lines:
        vevent.add("location", location(practice))
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    description = [f"Your session at {practice.name}."]
    if practice.phone or practice.email:
        reach = " or ".join(p for p in [practice.phone, practice.email] if p)
        description.append(f"To change or cancel, use the link in your email, or contact {reach}.")
    vevent.add("description", " ".join(description))
    organizer = vCalAddress(f"mailto:{organizer_email(practice)}")
    organizer.params["cn"] = practice.name
    vevent.add("organizer", organizer)
    if method != "PUBLISH":
        attendee = vCalAddress(f"mailto:{booking.client_email}")
        attendee.params["cn"] = " ".join(booking.client_name.split())
        attendee.params["role"] = "REQ-PARTICIPANT"
        attendee.params["partstat"] = "ACCEPTED"
        attendee.params["rsvp"] = "FALSE"
        vevent.add("attendee", attendee)
    calendar.add_component(vevent)
    return calendar.to_ical()


def filename(booking: Booking) -> str:
    return f"session-{booking.start.astimezone(UTC):%Y%m%d-%H%M}.ics"
