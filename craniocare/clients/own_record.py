"""The first section of a client's own record: the details the practice keeps about them
(craniocare/clients/records.py explains the sections)."""

from __future__ import annotations

from datetime import date
from typing import Any

from .models import Client
from .records import RecordWriter, register_record_section


def record_details(client: Client) -> dict[str, Any]:
    return {
        "name": client.name,
        "email": client.email,
        "phone": client.phone,
        "client_since": client.created_at.date().isoformat(),
        "practice_notes": client.practice_notes,
    }


def _long_date(iso: str) -> str:
    """ "2026-12-03" -> "3 December 2026"."""
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def write_details(writer: RecordWriter, data: dict[str, Any]) -> None:
    writer.fields(
        [
            ("Name", data["name"]),
            ("Email", data["email"] or "—"),
            ("Phone", data["phone"] or "—"),
            ("Client since", _long_date(data["client_since"])),
        ]
    )
    if data["practice_notes"]:
        writer.subheading("Notes the practice keeps for scheduling")
        writer.paragraph(data["practice_notes"])


def register() -> None:
    register_record_section(
        "client",
        title="Your details",
        description=(
            "Your name, email address and phone number, since when you have been a client, and "
            "any notes the practice keeps to arrange your sessions."
        ),
        collect=record_details,
        render=write_details,
        summary=lambda client: client.name,
        order=10,
    )
