"""Two clients' full records for the export tests: Alice and Bob each with intake revisions,
consents (one withdrawn), signed notes with addenda and a draft. Bob's words carry the marker
BOBONLY so a leak into Alice's copy is easy to find."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client as DjangoClient

from craniocare.clients.models import Client
from craniocare.clinical.models import Addendum, SessionNote
from craniocare.clinical.services import NoteContent, addendum_add
from craniocare.intake.models import Consent, IntakeSubmission
from craniocare.intake.services import consent_withdraw
from tests.clinical.helpers import CONTENT, session, signed_note, written_note
from tests.intake.helpers import sign, submit_intake


@dataclass
class Record:
    client: Client
    submissions: list[IntakeSubmission]
    consents: list[Consent]
    notes: list[SessionNote]
    addenda: list[Addendum]
    draft: SessionNote


def signed_in(user: Any) -> DjangoClient:
    browser = DjangoClient()
    browser.force_login(user)
    return browser


def _contact(name: str, phone: str, emergency: str) -> dict[str, Any]:
    return {
        "full_name": name,
        "phone": phone,
        "emergency_name": emergency,
        "emergency_phone": "416 555 0199",
    }


def _record(serena: Any, client: Client, service: Any, words: str, first_day: int) -> Record:
    contact = _contact(client.name, "416 555 0101", f"{words} emergency contact")
    first = submit_intake(client, contact=contact, goals={"goals": f"{words} first goals."})
    second = submit_intake(client, contact=contact, goals={"goals": f"{words} later goals."})
    general = sign(client, "general")
    intraoral = sign(client, "intraoral")
    withdrawn = consent_withdraw(consent=intraoral, reason=f"{words} would rather wait.")
    content = NoteContent(**{**CONTENT.__dict__, "subjective": f"{words} jaw tight."})
    notes = [
        signed_note(session(serena, client, service, days_ago=first_day + 7), serena, content),
        signed_note(session(serena, client, service, days_ago=first_day), serena, content),
    ]
    addendum = addendum_add(
        note=notes[0], author=serena, reason=f"{words} correction", text=f"{words} addendum."
    )
    draft_content = NoteContent(subjective=f"{words} draft, not yet signed.")
    draft = written_note(
        session(serena, client, service, days_ago=first_day + 1), serena, draft_content
    )
    return Record(client, [first, second], [general, withdrawn], notes, [addendum], draft)


@pytest.fixture
def records(alice: Any, bob: Any, serena: Any, session60: Any) -> dict[str, Record]:
    return {
        "alice": _record(serena, Client.objects.get(user=alice), session60, "Alice's", 2),
        "bob": _record(serena, Client.objects.get(user=bob), session60, "BOBONLY", 30),
    }


def bob_traces(records: dict[str, Record]) -> list[str]:
    bob = records["bob"]
    return [
        "BOBONLY",
        "Bob Nguyen",
        "bob@example.com",
        *(note.booking.uid for note in bob.notes),
        *(note.content_hash for note in bob.notes),
    ]
