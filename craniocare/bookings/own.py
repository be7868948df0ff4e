"""A client's own bookings, as the client sees them: the portal's lists (with each booking's
manage link) and the bookings section of their record (JSON and printable copy).

Read through the client record only (``client.bookings``): whoever asks has already been matched
to that one record (craniocare/portal/access.py). Times read on the clock of the zone each
booking was made in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from craniocare.clients.models import Client
from craniocare.clients.records import RecordWriter, register_record_section

from .models import Booking, Status
from .session_times import booked_zone, format_range, practice_zone, time_facts
from .tokens import manage_token_for

PAST_LIMIT = 50


@dataclass(frozen=True)
class OwnBooking:
    uid: str
    service: str
    practitioner: str
    when: str  # on the clock of the zone it was booked in
    zone: str
    status: str  # "Confirmed", "Completed", ...
    cancelled: bool
    manage_url: str


@dataclass(frozen=True)
class OwnBookings:
    upcoming: list[OwnBooking]
    past: list[OwnBooking]  # newest first, at most PAST_LIMIT
    past_total: int
    held_count: int  # sessions that took place (or were due and are not yet marked)


def _row(booking: Booking, home_zone: str) -> OwnBooking:
    times = time_facts(booking.start, booking.end, booked_zone(booking), home_zone)
    return OwnBooking(
        uid=booking.uid,
        service=booking.service.name,
        practitioner=booking.practitioner.display_name,
        when=str(times["when"]),
        zone=str(times["zone"]),
        status=booking.get_status_display(),
        cancelled=booking.status == Status.CANCELLED,
        manage_url=booking.manage_path(manage_token_for(booking)),
    )


def own_bookings(*, client: Client, now: datetime) -> OwnBookings:
    """The client's confirmed sessions to come, and everything else, newest first."""
    home_zone = practice_zone()
    bookings = client.bookings.select_related("service", "practitioner")
    upcoming = bookings.filter(status=Status.CONFIRMED, start__gte=now).order_by("start")
    past = bookings.exclude(status=Status.CONFIRMED, start__gte=now).order_by("-start")
    held = (Status.COMPLETED, Status.CONFIRMED)
    return OwnBookings(
        upcoming=[_row(b, home_zone) for b in upcoming],
        past=[_row(b, home_zone) for b in past[:PAST_LIMIT]],
        past_total=past.count(),
        held_count=client.bookings.filter(status__in=held, start__lt=now).count(),
    )


# --- The bookings section of the client's record ------------------------------------------------


def record_bookings(client: Client) -> list[dict[str, Any]]:
    """Every booking of the client, oldest first, in the zone it was made in."""
    rows = []
    for booking in client.bookings.select_related("service", "practitioner").order_by("start"):
        zone = booked_zone(booking)
        local = ZoneInfo(zone)
        rows.append(
            {
                "reference": booking.uid,
                "service": booking.service.name,
                "practitioner": booking.practitioner.display_name,
                "start": booking.start.astimezone(local).isoformat(),
                "end": booking.end.astimezone(local).isoformat(),
                "time_zone": zone,
                "when": format_range(booking.start, booking.end, local),
                "status": booking.get_status_display(),
                "booked_through": booking.get_source_display(),
                "first_visit": booking.first_visit,
                "your_notes": booking.notes,
                "booked_at": booking.created_at.isoformat(),
                "cancelled_at": booking.cancelled_at.isoformat() if booking.cancelled_at else None,
                "cancellation_reason": booking.cancellation_reason,
            }
        )
    return rows


def write_bookings(writer: RecordWriter, rows: list[dict[str, Any]]) -> None:
    if not rows:
        writer.note("No sessions booked.")
    for row in rows:
        writer.subheading(row["when"])
        pairs = [
            ("Session", row["service"]),
            ("With", row["practitioner"]),
            ("Status", row["status"]),
            ("Time zone", row["time_zone"]),
            ("Booked through", row["booked_through"]),
            ("Reference", row["reference"]),
        ]
        if row["your_notes"]:
            pairs.append(("Your notes", row["your_notes"]))
        if row["cancellation_reason"]:
            pairs.append(("Reason for cancelling", row["cancellation_reason"]))
        writer.fields(pairs)


def bookings_summary(client: Client) -> str:
    count = client.bookings.count()
    if not count:
        return "No sessions booked yet."
    return f"{count} booking{'s' if count != 1 else ''}, cancelled ones included."


def register() -> None:
    register_record_section(
        "bookings",
        title="Your sessions",
        description=(
            "Each session you booked: when and with whom, how it was booked, what you wrote "
            "when booking, and whether it took place or was cancelled."
        ),
        collect=record_bookings,
        render=write_bookings,
        summary=bookings_summary,
        order=20,
    )
