"""A client's session notes in their own record (craniocare/clients/records.py): the JSON and
printable section and its FHIR R4 resources.

What is included: every SIGNED note of the client, oldest session first, exactly as signed
(what the client reported, pain ratings, findings, areas worked in words, techniques, what the
client noticed, the plan), who signed it and when, and the fingerprint (SHA-256) of what was
signed; under each note, its addenda with author, time and reason.

What is not: drafts. A draft is the practitioner's work in progress: it may still change or be
discarded, nobody relies on it, and it becomes part of the record when it is signed (the
practice signs within a day; Today lists drafts that wait longer). A copy of a draft would be a
copy of something the record does not yet say.

Read from the client's own rows (``client=client``): nothing of anyone else.
"""

from __future__ import annotations

import html
from typing import Any

from craniocare.clients.models import Client
from craniocare.clients.records import (
    FhirRefs,
    RecordWriter,
    record_when,
    record_zone,
    register_record_section,
)

from .models import SessionNote
from .selectors import labels_of

SHA256_EXTENSION = "https://craniocare.app/fhir/StructureDefinition/content-sha256"


def _name(user: Any) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or "A practitioner of the practice"


def _signed_notes(client: Client) -> list[SessionNote]:
    return list(
        SessionNote.objects.filter(client=client, signed_at__isnull=False)
        .select_related("booking__service", "practitioner", "signed_by")
        .prefetch_related("addenda__author")
        .order_by("booking__start", "pk")
    )


def _pain(note: SessionNote) -> list[str]:
    return [f"{row.get('area', '')}: {row.get('score')} / 10" for row in note.pain]


def record_notes(client: Client) -> list[dict[str, Any]]:
    zone = record_zone()
    rows = []
    for note in _signed_notes(client):
        words = labels_of(note)
        rows.append(
            {
                "session": note.booking.service.name,
                "session_start": note.booking.start.isoformat(),
                "session_when": record_when(note.booking.start, zone),
                "practitioner": note.practitioner.display_name,
                "what_you_reported": note.subjective,
                "pain": [{"area": p.get("area", ""), "score": p.get("score")} for p in note.pain],
                "findings": note.findings,
                "areas_worked": words.areas,
                "techniques": words.techniques,
                "what_you_noticed": words.noticed,
                "plan": note.plan,
                "signed_by": _name(note.signed_by),
                "signed_at": note.signed_at.isoformat() if note.signed_at else None,
                "signed_when": record_when(note.signed_at, zone),
                "content_sha256": note.content_hash,
                "addenda": [
                    {
                        "author": _name(addendum.author),
                        "at": addendum.at.isoformat(),
                        "when": record_when(addendum.at, zone),
                        "reason": addendum.reason,
                        "text": addendum.text,
                    }
                    for addendum in note.addenda.all()
                ],
            }
        )
    return rows


def write_notes(writer: RecordWriter, rows: list[dict[str, Any]]) -> None:
    if not rows:
        writer.note("No signed session notes yet.")
    for row in rows:
        writer.subheading(f"{row['session']}: {row['session_when']}")
        pain = "; ".join(f"{p['area']}: {p['score']} / 10" for p in row["pain"])
        writer.fields(
            [
                ("With", row["practitioner"]),
                ("What you reported", row["what_you_reported"] or "—"),
                ("Pain", pain or "—"),
                ("Findings", row["findings"] or "—"),
                ("Areas worked", ", ".join(row["areas_worked"]) or "—"),
                ("Techniques", ", ".join(row["techniques"]) or "—"),
                ("What you noticed", ", ".join(row["what_you_noticed"]) or "—"),
                ("Plan", row["plan"] or "—"),
                ("Signed", f"{row['signed_by']}, {row['signed_when']}"),
            ]
        )
        writer.note(f"Fingerprint of the note as signed (SHA-256): {row['content_sha256']}")
        for addendum in row["addenda"]:
            writer.note(f"Addendum by {addendum['author']}, {addendum['when']}")
            writer.fields([("Reason", addendum["reason"]), ("Text", addendum["text"])])


def notes_summary(client: Client) -> str:
    count = SessionNote.objects.filter(client=client, signed_at__isnull=False).count()
    if not count:
        return "No signed session notes yet."
    return f"{count} signed session note{'s' if count != 1 else ''}, with their addenda."


# --- FHIR ------------------------------------------------------------------------------------


def _div(paragraphs: list[str]) -> dict[str, str]:
    body = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs if text)
    return {
        "status": "generated",
        "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body or "<p>—</p>"}</div>',
    }


def _section(title: str, paragraphs: list[str]) -> dict[str, Any]:
    return {"title": title, "text": _div(paragraphs)}


NOTE_TYPE = {
    "coding": [{"system": "http://loinc.org", "code": "11506-3", "display": "Progress note"}]
}
AUTHOR_SIGNATURE = {
    "system": "urn:iso-astm:E1762-95:2013",
    "code": "1.2.840.10065.1.12.1.1",
    "display": "Author's Signature",
}


def notes_fhir(client: Client, refs: FhirRefs) -> list[dict[str, Any]]:
    """Per signed note a Composition (final) and a Provenance for its signature; per addendum a
    Composition that `appends` to the note's."""
    resources: list[dict[str, Any]] = []
    for note in _signed_notes(client):
        words = labels_of(note)
        signer = refs.practitioner(note.signed_by)
        note_ref = refs.ref("note", note.pk)
        signed_at = note.signed_at.isoformat() if note.signed_at else ""
        resources.append(
            {
                "resourceType": "Composition",
                "identifier": {
                    "system": "https://craniocare.app/fhir/session-note",
                    "value": f"{note.pk}",
                },
                "status": "final",
                "type": NOTE_TYPE,
                "subject": refs.patient,
                "date": signed_at,
                "author": [signer],
                "title": f"Session note: {note.booking.service.name}",
                "event": [{"period": {"start": note.booking.start.isoformat()}}],
                "attester": [{"mode": "legal", "time": signed_at, "party": signer}],
                "section": [
                    _section("What the client reported", [note.subjective, *_pain(note)]),
                    _section("Findings", [note.findings]),
                    _section("Areas worked", words.areas),
                    _section("Techniques", words.techniques),
                    _section("What the client noticed", words.noticed),
                    _section("Plan", [note.plan]),
                ],
                "_full_url": refs.full_url("note", note.pk),
            }
        )
        resources.append(
            {
                "resourceType": "Provenance",
                "target": [note_ref],
                "recorded": signed_at,
                "activity": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/v3-DataOperation",
                            "code": "CREATE",
                        }
                    ],
                    "text": "Signed",
                },
                "agent": [{"who": signer}],
                "signature": [
                    {
                        "type": [AUTHOR_SIGNATURE],
                        "when": signed_at,
                        "who": signer,
                    }
                ],
                "extension": [{"url": SHA256_EXTENSION, "valueString": note.content_hash}],
            }
        )
        for addendum in note.addenda.all():
            author = refs.practitioner(addendum.author)
            resources.append(
                {
                    "resourceType": "Composition",
                    "status": "final",
                    "type": NOTE_TYPE,
                    "subject": refs.patient,
                    "date": addendum.at.isoformat(),
                    "author": [author],
                    "title": f"Addendum: {addendum.reason}",
                    "relatesTo": [{"code": "appends", "targetReference": note_ref}],
                    "section": [_section("Addendum", [addendum.text])],
                }
            )
    return resources


def register() -> None:
    register_record_section(
        "notes",
        title="Your session notes",
        description=(
            "The notes of your sessions once signed, exactly as signed: what you reported, "
            "what was found, the areas worked, the techniques, what you noticed and the plan, "
            "with any addenda written later. Notes still being written are not included."
        ),
        collect=record_notes,
        render=write_notes,
        summary=notes_summary,
        order=50,
        fhir=notes_fhir,
    )
