"""The back office's main navigation: one entry per section, in order.

``practitioner_only`` hides the entry from front desk; the view behind it must also be wrapped in
``practitioner_required`` (the navigation hides, the decorator forbids).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from craniocare.accounts.permissions import is_practitioner


@dataclass(frozen=True)
class Section:
    url_name: str
    label: str
    practitioner_only: bool = False


SECTIONS = (
    Section("office:today", "Today"),
    Section("office:calendar", "Calendar"),
    Section("office:clients", "Clients"),
    Section("office:inbox", "Inbox"),
    Section("office:waitlist", "Waitlist"),
    Section("office:availability", "Availability", practitioner_only=True),
    Section("office:services", "Services", practitioner_only=True),
    Section("office:intake_form", "Intake form", practitioner_only=True),
    Section("office:outbox", "Outbox", practitioner_only=True),
    Section("office:settings", "Settings", practitioner_only=True),
    Section("office:feed", "Calendar feed", practitioner_only=True),
)


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str
    current: bool


def nav_for(user: Any, path: str) -> list[NavLink]:
    """The sections `user` may open; `current` marks the one `path` is in."""
    links = []
    for section in SECTIONS:
        if section.practitioner_only and not is_practitioner(user):
            continue
        url = reverse(section.url_name)
        current = path == url if section.url_name == "office:today" else path.startswith(url)
        links.append(NavLink(url=url, label=section.label, current=current))
    return links
