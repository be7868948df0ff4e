"""A client's copy of their record, as data: every registered section (craniocare/clients/
records.py) collected for one client, with the practice's identity and the time it was made.
The JSON download is this data as it is; the PDF (pdf.py) lays the same sections out."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.text import slugify

from craniocare.clients.models import Client
from craniocare.clients.records import record_sections
from craniocare.core.models import PracticeProfile

FORMAT = "craniocare.client-record"
FORMAT_VERSION = 1


def practice_data() -> dict[str, Any]:
    profile = PracticeProfile.load()
    return {
        "name": profile.name,
        "address": profile.address_lines,
        "phone": profile.phone,
        "email": profile.email,
    }


def record_data(*, client: Client, now: datetime) -> dict[str, Any]:
    """The client's whole record: the sections in their order, each with its data."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": now.isoformat(),
        "practice": practice_data(),
        "sections": {
            section.key: {
                "title": section.title,
                "description": section.description,
                "data": section.collect(client),
            }
            for section in record_sections()
        },
    }


def record_json(*, client: Client, now: datetime) -> bytes:
    data = record_data(client=client, now=now)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def record_filename(*, client: Client, now: datetime, extension: str) -> str:
    """ "record-alice-martin-2027-03-03.pdf": the client's name in ASCII, and the date."""
    name = slugify(client.name, allow_unicode=False) or "client"
    return f"record-{name}-{now.date().isoformat()}.{extension}"
