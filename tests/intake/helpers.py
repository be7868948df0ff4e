"""Helpers for the intake tests: answers that complete the default form, and records to walk."""

from __future__ import annotations

from typing import Any

from craniocare.clients.models import Client
from craniocare.intake.defaults import SYMPTOMS
from craniocare.intake.models import Consent, IntakeSubmission
from craniocare.intake.selectors import current_document, current_template
from craniocare.intake.services import consent_give, intake_save, intake_submit


def complete_answers() -> dict[str, dict[str, Any]]:
    """Per section, answers that fill every required question of the default form."""
    symptoms: dict[str, Any] = {key: "no" for key, _ in SYMPTOMS}
    symptoms.update(jaw="yes", jaw_where="Both sides", jaw_since="1 to 6 months", jaw_strength=9)
    return {
        "contact": {
            "full_name": "Alice Martin",
            "phone": "416 555 0101",
            "emergency_name": "Sam Martin",
            "emergency_phone": "416 555 0199",
        },
        "history": {},
        "medications": {"latex": "no"},
        "symptoms": symptoms,
        "goals": {"goals": "Less clenching at night."},
        "screening": {
            "head_injury": "yes",
            "intracranial_bleed": "no",
            "stroke": "no",
            "chiari": "no",
            "csf_pressure": "no",
        },
    }


def submit_intake(client: Client, **overrides: dict[str, Any]) -> IntakeSubmission:
    template = current_template()
    submission = None
    for section, answers in {**complete_answers(), **overrides}.items():
        submission = intake_save(
            client=client, template=template, section=section, answers=answers, complete=True
        )
    assert submission is not None
    return intake_submit(submission=submission)


def sign(client: Client, kind: str = "intraoral", **extra: Any) -> Consent:
    return consent_give(
        client=client,
        document=current_document(kind),
        full_name=client.name,
        signature_text=client.name,
        ip_address="203.0.113.7",
        **extra,
    )


def intake_records(client: Client) -> dict[str, Any]:
    """Real objects of `client` for the office URL walk (tests/office/test_access.py), and the
    practice's consent text it signed."""
    consent = sign(client)
    return {
        "submission_id": submit_intake(client).pk,
        "consent_id": consent.pk,
        "document_id": consent.document_id,
        "kind": consent.kind,
    }
