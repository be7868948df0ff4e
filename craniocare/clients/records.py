"""What the practice keeps about a client, section by section: the registry behind a client's
own copy of their record (the portal's "Your records" list and its JSON and PDF downloads).

Each app that keeps something about a client registers a section from its AppConfig.ready():

    register_record_section(
        "bookings",
        title="Your sessions",
        description="Each session you booked: when, with whom, and what became of it.",
        collect=bookings_of,          # (client) -> JSON-ready data, this client's only
        summary=count_sentence,       # (client) -> one short line for the portal, optional
        render=write_bookings,        # (writer, data) -> the printable copy, optional
        order=20,
    )

- ``collect(client)`` returns plain data (dicts, lists, strings, numbers, booleans, None) about
  that one client and nobody else; the JSON download holds it as it is.
- ``render(writer, data)`` writes the same data into the printable copy through the
  `RecordWriter` protocol below, so an app needs no PDF library; without it, `write_generic`
  lays the data out as labelled fields.
- ``fhir(client, refs)`` (optional) returns the section as FHIR R4 resources (plain dicts) for
  the portal's FHIR Bundle (craniocare/portal/fhir.py); ``refs`` gives the bundle's references
  (`FhirRefs`: the patient's, a practitioner's, any resource's), so sections can point at each
  other without importing each other.

The registry lives here, in clients, below every app that keeps client data (bookings, intake,
clinical, audit), so each of them registers without importing the portal that sits above them.
Sections come out ordered by ``order``, then key; a key registered twice replaces the first
(a module reloaded in development), never adds a second copy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings

from craniocare.core.models import PracticeProfile
from craniocare.lib.humanize import format_time
from craniocare.lib.tz import is_residential_zone

from .models import Client


class RecordWriter(Protocol):
    """The printable copy, as a section's renderer sees it (craniocare/portal/pdf.py)."""

    def subheading(self, text: str) -> None: ...

    def fields(self, pairs: Sequence[tuple[str, str]]) -> None: ...

    def paragraph(self, text: str) -> None: ...

    def note(self, text: str) -> None: ...


class FhirRefs(Protocol):
    """How a section names resources in the FHIR Bundle (craniocare/portal/fhir.py)."""

    @property
    def patient(self) -> dict[str, str]: ...  # {"reference": "urn:uuid:..."} of the client

    def practitioner(self, user: Any) -> dict[str, str]: ...  # a staff member, added once

    def full_url(self, kind: str, key: object) -> str: ...  # "urn:uuid:..." of any resource

    def ref(self, kind: str, key: object) -> dict[str, str]: ...  # {"reference": full_url}


Collect = Callable[[Client], Any]
Render = Callable[[RecordWriter, Any], None]
Summary = Callable[[Client], str]
Fhir = Callable[[Client, FhirRefs], list[dict[str, Any]]]


@dataclass(frozen=True)
class RecordSection:
    key: str  # the section's key in the JSON download
    title: str  # its heading, in the portal and in the printable copy
    description: str  # what the practice keeps in it, in a sentence or two
    collect: Collect
    render: Render
    summary: Summary | None
    order: int
    fhir: Fhir | None = None


@dataclass(frozen=True)
class ClientTask:
    """Something a client is asked to do in the portal (fill in a form, sign a consent)."""

    title: str
    detail: str
    url: str
    action: str  # the link's words: "Fill in the form"


_sections: dict[str, RecordSection] = {}
_task_providers: dict[str, Callable[[Client], list[ClientTask]]] = {}


def register_record_section(
    key: str,
    *,
    title: str,
    description: str,
    collect: Collect,
    render: Render | None = None,
    summary: Summary | None = None,
    order: int = 100,
    fhir: Fhir | None = None,
) -> None:
    _sections[key] = RecordSection(
        key=key,
        title=title,
        description=description,
        collect=collect,
        render=render or write_generic,
        summary=summary,
        order=order,
        fhir=fhir,
    )


def record_sections() -> list[RecordSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def register_client_tasks(key: str, provider: Callable[[Client], list[ClientTask]]) -> None:
    """`provider(client)` lists what the client still has to do (intake, consents)."""
    _task_providers[key] = provider


def client_tasks(client: Client) -> list[ClientTask]:
    return [task for key in sorted(_task_providers) for task in _task_providers[key](client)]


DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def record_zone() -> ZoneInfo:
    """The practice's zone: the clock a record's times are printed on."""
    zone = PracticeProfile.load().time_zone
    return ZoneInfo(zone if is_residential_zone(zone) else "UTC")


def record_when(instant: datetime | None, zone: ZoneInfo) -> str:
    """ "Tuesday 1 December 2026, 10:00 a.m. EST" (empty for None)."""
    if instant is None:
        return ""
    local = instant.astimezone(zone)
    # English day and month names (the practice's copy is en-CA) without the translation
    # machinery of dateformat: a record prints hundreds of these.
    day = f"{DAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]} {local.year}"
    return f"{day}, {format_time(local, settings.LANGUAGE_CODE)} {local.tzname()}"


def record_moment(instant: datetime, zone: ZoneInfo) -> str:
    """ "2026-12-01 10:00": short enough for a label (the access log's lines)."""
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M")


# --- The generic layout ---------------------------------------------------------------------------


def label_of(key: str) -> str:
    """ "first_visit" -> "First visit"."""
    return key.replace("_", " ").strip().capitalize()


def text_of(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list | tuple)


def write_generic(writer: RecordWriter, data: Any) -> None:
    """Lay out plain data: a mapping as labelled fields (nested parts under a subheading), a
    list item by item, anything else as a paragraph."""
    if isinstance(data, dict):
        pairs = [(label_of(k), text_of(v)) for k, v in data.items() if _is_scalar(v)]
        if pairs:
            writer.fields(pairs)
        for key, value in data.items():
            if not _is_scalar(value):
                writer.subheading(label_of(key))
                write_generic(writer, value)
    elif isinstance(data, list | tuple):
        if not data:
            writer.note("Nothing recorded.")
        for item in data:
            write_generic(writer, item)
    else:
        writer.paragraph(text_of(data))
