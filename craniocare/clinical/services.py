"""The only write paths of session notes: start, update (drafts), sign, addendum; and note
templates. Each runs in one transaction and writes its audit event in it (craniocare/audit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from craniocare.audit.models import Action
from craniocare.audit.services import audit_record
from craniocare.bookings.models import Booking
from craniocare.lib.parsing import InvalidInput, clean_line, clean_text

from .consents import ConsentGap, session_consents
from .models import Addendum, NoteLocked, NoteStatus, NoteTemplate, SessionNote
from .vocabulary import NOTICED_CODES, REGION_CODES, TECHNIQUE_CODES

TEXT_MAX = 20_000
LINE_MAX = 300


@dataclass(frozen=True)
class NoteContent:
    """What a practitioner writes in a note (the editor's cleaned form)."""

    subjective: str = ""
    pain: list[dict[str, Any]] = field(default_factory=list)
    findings: str = ""
    areas: list[str] = field(default_factory=list)
    techniques: list[str] = field(default_factory=list)
    techniques_other: str = ""
    noticed: list[str] = field(default_factory=list)
    noticed_other: str = ""
    plan: str = ""


def _codes(values: list[str], allowed: frozenset[str], what: str) -> list[str]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError({what: f"Unknown {what}: {', '.join(unknown)}."})
    return list(dict.fromkeys(values))  # once each, in the order given


def _pain(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ratings = []
    for item in values:
        try:
            area = clean_line(item.get("area", ""), max_length=120)
        except InvalidInput as error:
            raise ValidationError({"pain": str(error)}) from error
        score = item.get("score")
        if (
            not area
            or not isinstance(score, int)
            or isinstance(score, bool)
            or not 0 <= score <= 10
        ):
            raise ValidationError({"pain": "Each pain rating needs an area and a score 0 to 10."})
        ratings.append({"area": area, "score": score})
    return ratings


def _apply(note: SessionNote, content: NoteContent) -> None:
    try:
        note.subjective = clean_text(content.subjective, max_length=TEXT_MAX)
        note.findings = clean_text(content.findings, max_length=TEXT_MAX)
        note.plan = clean_text(content.plan, max_length=TEXT_MAX)
        note.techniques_other = clean_line(content.techniques_other, max_length=LINE_MAX)
        note.noticed_other = clean_line(content.noticed_other, max_length=LINE_MAX)
    except InvalidInput as error:
        raise ValidationError(str(error)) from error
    note.pain = _pain(content.pain)
    note.areas = _codes(content.areas, REGION_CODES, "areas")
    note.techniques = _codes(content.techniques, TECHNIQUE_CODES, "techniques")
    note.noticed = _codes(content.noticed, NOTICED_CODES, "noticed")


def previous_note(booking: Booking) -> SessionNote | None:
    """The client's latest note before this booking (signed or not)."""
    return (
        SessionNote.objects.filter(client_id=booking.client_id, booking__start__lt=booking.start)
        .exclude(booking=booking)
        .order_by("-booking__start")
        .first()
    )


def note_start(
    *,
    booking: Booking,
    author: Any,
    from_last: bool = False,
    template: NoteTemplate | None = None,
    request: HttpRequest | None = None,
) -> SessionNote:
    """The draft note of `booking` (the existing one if there is one). `from_last` copies the
    areas and techniques of the client's previous note; `template` fills in its text."""
    with transaction.atomic():
        existing = SessionNote.objects.filter(booking=booking).first()
        if existing is not None:
            return existing
        now = timezone.now()
        note = SessionNote(
            booking=booking,
            client_id=booking.client_id,
            practitioner_id=booking.practitioner_id,
            author=author,
            updated_at=now,
        )
        if template is not None:
            note.subjective, note.findings, note.plan = (
                template.subjective,
                template.findings,
                template.plan,
            )
            note.areas, note.techniques = list(template.areas), list(template.techniques)
            note.techniques_other = template.techniques_other
        if from_last and (last := previous_note(booking)) is not None:
            note.areas, note.techniques = list(last.areas), list(last.techniques)
            note.techniques_other = last.techniques_other
        note.full_clean()
        note.save(force_insert=True)
        detail = "started from the last note" if from_last else "started"
        audit_record(
            actor=author,
            client=booking.client,
            action=Action.CREATE,
            obj=note,
            request=request,
            detail=detail,
        )
    return note


def note_update(
    *, note: SessionNote, content: NoteContent, author: Any, request: HttpRequest | None = None
) -> SessionNote:
    """Save a draft's content. A signed note is locked (`NoteLocked`): add an addendum."""
    with transaction.atomic():
        current = SessionNote.objects.select_for_update().get(pk=note.pk)
        if current.is_signed:
            raise NoteLocked("This note is signed: add an addendum instead.")
        _apply(current, content)
        current.updated_at = timezone.now()
        current.full_clean()
        current.save()
        audit_record(
            actor=author, client=current.client, action=Action.CHANGE, obj=current, request=request
        )
    return current


class ConsentNotAcknowledged(Exception):
    """The body chart marks a region whose consent the client did not hold for the session,
    and the signer gave no acknowledgement."""

    def __init__(self, gaps: tuple[ConsentGap, ...]) -> None:
        self.gaps = gaps
        kinds = ", ".join(gap.kind_label for gap in gaps)
        super().__init__(f"Consent missing for this session: {kinds}.")


def note_sign(
    *,
    note: SessionNote,
    signer: Any,
    consent_ack_reason: str = "",
    request: HttpRequest | None = None,
) -> SessionNote:
    """Sign and lock the note: status, time, signer and the hash of its content, in one UPDATE
    of a row that is still a draft. When the body chart marks a region whose consent the client
    did not hold for the session, signing needs `consent_ack_reason` (else
    `ConsentNotAcknowledged`); the missing kinds and the reason are signed with the note."""
    with transaction.atomic():
        current = SessionNote.objects.select_for_update().get(pk=note.pk)
        if current.is_signed:
            raise NoteLocked("This note is already signed.")
        gaps = session_consents(current.booking, current.areas).gaps
        try:
            reason = clean_line(consent_ack_reason, max_length=LINE_MAX)
        except InvalidInput as error:
            raise ValidationError({"consent_ack_reason": str(error)}) from error
        if gaps and not reason:
            raise ConsentNotAcknowledged(gaps)
        current.consent_missing = [gap.kind for gap in gaps]
        current.consent_ack_reason = reason if gaps else ""
        current.signed_at = timezone.now()
        current.signed_by = signer
        current.status = NoteStatus.SIGNED
        current.content_hash = current.compute_hash()
        current.full_clean()
        changed = SessionNote.objects.filter(pk=current.pk, signed_at__isnull=True).update(
            status=current.status,
            signed_at=current.signed_at,
            signed_by=signer,
            content_hash=current.content_hash,
            consent_missing=current.consent_missing,
            consent_ack_reason=current.consent_ack_reason,
        )
        if changed != 1:
            raise NoteLocked("This note is already signed.")
        audit_record(
            actor=signer,
            client=current.client,
            action=Action.SIGN,
            obj=current,
            request=request,
            detail="signed with a consent gap acknowledged" if gaps else "",
        )
    return SessionNote.objects.get(pk=current.pk)


def addendum_add(
    *, note: SessionNote, author: Any, reason: str, text: str, request: HttpRequest | None = None
) -> Addendum:
    """A correction or addition to a signed note; the note itself stays as signed."""
    with transaction.atomic():
        if not SessionNote.objects.filter(pk=note.pk, signed_at__isnull=False).exists():
            raise ValidationError("Only a signed note takes addenda: edit the draft instead.")
        try:
            reason = clean_line(reason, max_length=LINE_MAX)
            text = clean_text(text, max_length=TEXT_MAX)
        except InvalidInput as error:
            raise ValidationError(str(error)) from error
        addendum = Addendum(note=note, author=author, at=timezone.now(), reason=reason, text=text)
        addendum.full_clean()
        addendum.save(force_insert=True)
        audit_record(
            actor=author, client=note.client, action=Action.ADDENDUM, obj=addendum, request=request
        )
    return addendum


def note_template_create(*, practitioner: Any, name: str, content: NoteContent) -> NoteTemplate:
    """A reusable starting point for the practitioner's notes."""
    with transaction.atomic():
        scratch = SessionNote()
        _apply(scratch, content)
        try:
            name = clean_line(name, max_length=120)
        except InvalidInput as error:
            raise ValidationError({"name": str(error)}) from error
        template = NoteTemplate(
            practitioner=practitioner,
            name=name,
            subjective=scratch.subjective,
            findings=scratch.findings,
            areas=scratch.areas,
            techniques=scratch.techniques,
            techniques_other=scratch.techniques_other,
            plan=scratch.plan,
        )
        template.full_clean()
        template.save()
    return template
