"""The client's own access log ("Who opened your record"): the audit events about them, put in
words a client reads. Who: their practitioner by name, "You" for their own visits, "The
practice" for anyone or anything else (front desk, the system). Never an IP address, never
the staff's email."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.paginator import Page, Paginator

from craniocare.audit.models import AuditEvent
from craniocare.audit.own import who_for_client
from craniocare.audit.selectors import client_events
from craniocare.bookings.session_times import format_when, practice_zone
from craniocare.clients.models import Client
from craniocare.lib.humanize import zone_label

PAGE_SIZE = 25

WHAT = {
    "view": "Opened",
    "create": "Added",
    "change": "Changed",
    "sign": "Signed",
    "addendum": "Added a correction to",
    "export": "Downloaded",
    "print": "Printed",
    "restrict": "Restricted",
    "purge": "Removed",
}


@dataclass(frozen=True)
class AccessRow:
    who: str
    what: str
    when: str


def _what(event: AuditEvent) -> str:
    verb = WHAT.get(event.action, event.get_action_display())
    thing = event.object_label if event.object_type else "your record"
    return f"{verb} {thing}"


def access_page(
    *, client: Client, page: str | None
) -> tuple[Page[AuditEvent], list[AccessRow], str]:
    """One page of the client's events (newest first), as rows, and the zone's name."""
    zone = ZoneInfo(practice_zone())
    events = Paginator(client_events(client=client), PAGE_SIZE).get_page(page)
    rows = [
        AccessRow(who=who_for_client(e, client), what=_what(e), when=format_when(e.at, zone))
        for e in events.object_list
    ]
    return events, rows, zone_label(zone)
