"""A client's intake forms and consents in their own record (craniocare/clients/records.py):
the JSON and printable sections and their FHIR R4 resources.

- Intake: every revision the client (or the practitioner with them) submitted, oldest first,
  each with the form version it was answered on and every question asked with its answer in
  words. Drafts are left out: they are still being written and nobody has relied on them yet.
  The practitioner's screening flags are not repeated here; the answers are all there.
- Consents: every consent given, withdrawn ones included, with the exact text signed and its
  SHA-256, the typed name, how it was signed, when, and the withdrawal (time and reason). The
  address a consent was given from is the client's own only when given through their link;
  consents recorded in the office show none.

Every read starts from the client's own rows (``client=client``): nothing of anyone else.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from craniocare.clients.models import Client
from craniocare.clients.records import (
    FhirRefs,
    RecordWriter,
    record_when,
    record_zone,
    register_record_section,
)

from .models import Consent, IntakeSubmission, SubmissionStatus, Via
from .presenters import answers_by_section

SHA256_EXTENSION = "https://craniocare.app/fhir/StructureDefinition/text-sha256"
WITHDRAWAL_EXTENSION = "https://craniocare.app/fhir/StructureDefinition/withdrawal-reason"


# --- intake ----------------------------------------------------------------------------------


def _submitted(client: Client) -> list[IntakeSubmission]:
    return list(
        IntakeSubmission.objects.filter(client=client, status=SubmissionStatus.SUBMITTED)
        .select_related("template")
        .order_by("revision", "pk")
    )


def _filled_by(submission: IntakeSubmission) -> str:
    if submission.via == Via.OFFICE:
        return "With the practitioner, in the office"
    return "You, through your link"


def record_intake(client: Client) -> list[dict[str, Any]]:
    zone = record_zone()
    rows = []
    for submission in _submitted(client):
        sections = []
        for section, answers in answers_by_section(submission.template, submission.answers):
            sections.append(
                {
                    "section": section.title,
                    "answers": [
                        {
                            "key": row.question.key,
                            "question": row.question.label,
                            "answer": row.text,
                        }
                        for row in answers
                    ],
                }
            )
        rows.append(
            {
                "revision": submission.revision,
                "form": submission.template.name,
                "form_version": submission.template.version,
                "submitted_at": submission.submitted_at.isoformat()
                if submission.submitted_at
                else None,
                "submitted": record_when(submission.submitted_at, zone),
                "filled_in": _filled_by(submission),
                "sections": sections,
            }
        )
    return rows


def write_intake(writer: RecordWriter, rows: list[dict[str, Any]]) -> None:
    if not rows:
        writer.note("No intake form submitted yet.")
    for row in rows:
        writer.subheading(f"{row['form']}, version {row['form_version']}: {row['submitted']}")
        writer.fields([("Revision", str(row["revision"])), ("Filled in", row["filled_in"])])
        for section in row["sections"]:
            if not section["answers"]:
                continue
            writer.note(section["section"])
            writer.fields([(a["question"], a["answer"] or "—") for a in section["answers"]])


def intake_summary(client: Client) -> str:
    count = IntakeSubmission.objects.filter(
        client=client, status=SubmissionStatus.SUBMITTED
    ).count()
    if not count:
        return "No intake form submitted yet."
    return f"{count} submitted version{'s' if count != 1 else ''} of your intake form."


def intake_fhir(client: Client, refs: FhirRefs) -> list[dict[str, Any]]:
    """One QuestionnaireResponse per submitted revision; the answers as the client reads them."""
    resources = []
    for submission in _submitted(client):
        template = submission.template
        items = []
        for section, answers in answers_by_section(template, submission.answers):
            questions = [
                {
                    "linkId": f"{section.key}.{row.question.key}",
                    "text": row.question.label,
                    **({"answer": [{"valueString": row.text}]} if row.text else {}),
                }
                for row in answers
            ]
            if questions:
                items.append({"linkId": section.key, "text": section.title, "item": questions})
        resource: dict[str, Any] = {
            "resourceType": "QuestionnaireResponse",
            "identifier": {
                "system": "https://craniocare.app/fhir/intake-revision",
                "value": f"{submission.pk}",
            },
            "questionnaire": f"https://craniocare.app/fhir/Questionnaire/{template.key}"
            f"|{template.version}",
            "status": "completed",
            "subject": refs.patient,
            "authored": submission.submitted_at.isoformat() if submission.submitted_at else None,
            "source": refs.patient,
            "item": items,
        }
        resources.append(resource)
    return resources


# --- consents --------------------------------------------------------------------------------


def _consents(client: Client) -> list[Consent]:
    return list(
        Consent.objects.filter(client=client).select_related("document").order_by("given_at", "pk")
    )


def record_consents(client: Client) -> list[dict[str, Any]]:
    zone = record_zone()
    rows = []
    for consent in _consents(client):
        document = consent.document
        rows.append(
            {
                "document": consent.kind_label,
                "title": document.title,
                "version": consent.document_version,
                "text": document.body,
                "text_sha256": consent.text_hash,
                "typed_name": consent.full_name,
                "signature_kind": consent.get_signature_kind_display(),
                "signature_text": consent.signature_text,
                "signature_drawing": consent.signature_path,
                "given_at": consent.given_at.isoformat(),
                "given": record_when(consent.given_at, zone),
                "given_through": consent.get_via_display(),
                "given_from_address": consent.ip_address if consent.via == Via.LINK else None,
                "withdrawn": consent.is_withdrawn,
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
                "withdrawn_when": record_when(consent.withdrawn_at, zone),
                "withdrawal_reason": consent.withdrawal_reason,
            }
        )
    return rows


def write_consents(writer: RecordWriter, rows: list[dict[str, Any]]) -> None:
    if not rows:
        writer.note("No consent given yet.")
    for row in rows:
        writer.subheading(f"{row['title']} (version {row['version']})")
        signature = row["signature_kind"]
        if row["signature_text"]:
            signature = f"{signature}: {row['signature_text']}"
        pairs = [
            ("Consent", row["document"]),
            ("Given", row["given"]),
            ("Name typed", row["typed_name"]),
            ("Signature", signature),
            ("Given through", row["given_through"]),
            ("Status", "Withdrawn" if row["withdrawn"] else "In effect"),
        ]
        if row["withdrawn"]:
            pairs.append(("Withdrawn", row["withdrawn_when"]))
            pairs.append(("Reason", row["withdrawal_reason"] or "—"))
        pairs.append(("Text fingerprint (SHA-256)", row["text_sha256"]))
        writer.fields(pairs)
        writer.note("The text you signed:")
        writer.paragraph(row["text"])


def consents_summary(client: Client) -> str:
    count = Consent.objects.filter(client=client).count()
    if not count:
        return "No consent given yet."
    return f"{count} consent{'s' if count != 1 else ''}, withdrawn ones included."


def consents_fhir(client: Client, refs: FhirRefs) -> list[dict[str, Any]]:
    """One Consent per consent given: active, or inactive once withdrawn (the period ends then).
    The exact text travels as the attachment, with its SHA-1 (FHIR's Attachment.hash) and the
    SHA-256 the practice recorded (an extension)."""
    resources = []
    for consent in _consents(client):
        body = consent.document.body.encode("utf-8")
        period = {"start": consent.given_at.isoformat()}
        if consent.withdrawn_at:
            period["end"] = consent.withdrawn_at.isoformat()
        resource: dict[str, Any] = {
            "resourceType": "Consent",
            "identifier": [
                {"system": "https://craniocare.app/fhir/consent", "value": f"{consent.pk}"}
            ],
            "status": "inactive" if consent.is_withdrawn else "active",
            "scope": {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/consentscope",
                        "code": "treatment",
                        "display": "Treatment",
                    }
                ]
            },
            "category": [
                {
                    "coding": [{"system": "http://loinc.org", "code": "59284-0"}],
                    "text": consent.kind_label,
                }
            ],
            "patient": refs.patient,
            "dateTime": consent.given_at.isoformat(),
            "performer": [refs.patient],
            "sourceAttachment": {
                "contentType": "text/markdown; charset=utf-8",
                "language": "en-CA",
                "data": base64.b64encode(body).decode(),
                "hash": base64.b64encode(hashlib.sha1(body).digest()).decode(),  # noqa: S324
                "title": f"{consent.document.title} (version {consent.document_version})",
                "extension": [{"url": SHA256_EXTENSION, "valueString": consent.text_hash}],
            },
            "policyRule": {
                "coding": [
                    {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN"}
                ]
            },
            "provision": {"type": "permit", "period": period},
        }
        if consent.is_withdrawn and consent.withdrawal_reason:
            resource["extension"] = [
                {"url": WITHDRAWAL_EXTENSION, "valueString": consent.withdrawal_reason}
            ]
        resources.append(resource)
    return resources


def register() -> None:
    register_record_section(
        "intake",
        title="Your intake forms",
        description=(
            "Each version of the health intake form you sent, with the form version it was "
            "answered on, every question you were asked and your answers."
        ),
        collect=record_intake,
        render=write_intake,
        summary=intake_summary,
        order=30,
        fhir=intake_fhir,
    )
    register_record_section(
        "consents",
        title="Your consents",
        description=(
            "Each consent you gave: the exact text and its fingerprint, the name you typed, "
            "how you signed, when, and, if you withdrew it, when and why."
        ),
        collect=record_consents,
        render=write_consents,
        summary=consents_summary,
        order=40,
        fhir=consents_fhir,
    )
