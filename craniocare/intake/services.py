"""The only write paths of intake and consent (DESIGN rule 1): typed, keyword-only, one
transaction each, ``full_clean()`` before saving. Nothing given is ever changed in place: a
template or consent text changes by a new version, an intake update is a new revision, a consent
is withdrawn (recorded), never deleted."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from craniocare.audit.models import CLIENT_LINK_LABEL, Action
from craniocare.audit.services import audit_record
from craniocare.clients.models import Client
from craniocare.lib.parsing import InvalidInput, clean_line, clean_text

from .answers import check_answer, missing_required
from .consent_texts import consent_document_clean
from .defaults import DEFAULT_CONSENTS, DEFAULT_TEMPLATE
from .definition import DefinitionError, parse_definition
from .models import (
    DEFAULT_TEMPLATE_KEY,
    Consent,
    ConsentDocument,
    FormTemplate,
    IntakeSubmission,
    SignatureKind,
    SubmissionStatus,
    Via,
    sha256_of,
)

# A drawn signature: SVG path data of moves and lines only, with bounded numbers and length.
SIGNATURE_PATH = re.compile(r"^(?:[ML]-?\d{1,4}(?:\.\d{1,2})?[ ,]-?\d{1,4}(?:\.\d{1,2})?\s?)+$")
SIGNATURE_PATH_MAX = 20_000


def _client_label(actor: Any) -> str:
    """Who to name in the audit trail when nobody signed in made the change: the client, through
    their link."""
    return (
        "" if actor is not None and getattr(actor, "is_authenticated", False) else CLIENT_LINK_LABEL
    )


class IntakeIncomplete(ValidationError):
    """Submitting while required answers are missing: ``sections`` lists where."""

    def __init__(self, sections: list[str]) -> None:
        super().__init__("Some required answers are missing.")
        self.sections = sections


# --- templates and documents ------------------------------------------------------------------


def form_template_publish(
    *,
    definition: dict[str, Any],
    name: str,
    published_by: Any = None,
    key: str = DEFAULT_TEMPLATE_KEY,
) -> FormTemplate:
    """Publish a new version of the form `key`. Earlier versions, and every answer given on
    them, stay as they are."""
    try:
        parse_definition(definition)
    except DefinitionError as error:
        raise ValidationError({"definition": str(error)}) from None
    with transaction.atomic():
        newest = (
            FormTemplate.objects.select_for_update().filter(key=key).aggregate(n=Max("version"))
        )
        template = FormTemplate(
            key=key,
            version=(newest["n"] or 0) + 1,
            name=clean_line(name, max_length=120) or "Health intake",
            definition=definition,
            published_by=published_by,
        )
        template.full_clean()
        template.save()
        audit_record(
            actor=published_by,
            client=None,
            action=Action.CREATE,
            obj=template,
            detail=f"Published intake form {key} version {template.version}.",
        )
    return template


def consent_document_publish(
    *,
    kind: str,
    title: str,
    body: str,
    renewal_required: bool = False,
    published_by: Any = None,
    after_version: int | None = None,
) -> ConsentDocument:
    """Publish a new version of the consent text `kind`; its hash is of the exact body.
    Consents already given keep pointing at the version they were given on.
    `after_version`: the version the author started from; if another was published since,
    nothing is published (they would overwrite a text they have not read)."""
    with transaction.atomic():
        newest = (
            ConsentDocument.objects.select_for_update()
            .filter(kind=kind)
            .aggregate(n=Max("version"))
        )["n"] or 0
        if after_version is not None and newest != after_version:
            raise ValidationError(
                f"Version {newest} of this consent was published while you were writing. "
                "Please read it, then make your changes again."
            )
        title, body = consent_document_clean(kind=kind, title=title, body=body)
        document = ConsentDocument(
            kind=kind,
            version=newest + 1,
            title=title,
            body=body,
            text_hash=sha256_of(body),
            renewal_required=renewal_required,
            published_by=published_by,
        )
        document.full_clean()
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:  # the first version of a kind, published twice at once
            raise ValidationError(
                "Another version of this consent was published at the same moment. Please "
                "read it, then make your changes again."
            ) from None
        audit_record(
            actor=published_by,
            client=None,
            action=Action.CREATE,
            obj=document,
            detail=f"Published consent text {kind} version {document.version} "
            f"(sha256 {document.text_hash[:12]}"
            f"{', renewal required' if renewal_required else ''}).",
        )
    return document


def intake_defaults_ensure() -> None:
    """Seed the default form and consent texts where none exist yet (first use)."""
    if not FormTemplate.objects.filter(key=DEFAULT_TEMPLATE_KEY).exists():
        form_template_publish(definition=DEFAULT_TEMPLATE, name="Health intake")
    for kind, (title, body) in DEFAULT_CONSENTS.items():
        if not ConsentDocument.objects.filter(kind=kind).exists():
            consent_document_publish(kind=kind, title=title, body=body)


# --- intake -----------------------------------------------------------------------------------


def _open_draft(
    *, client: Client, template: FormTemplate, via: str, filled_by: Any
) -> IntakeSubmission:
    """The client's draft, locked; a new one (a new revision starting from the last submitted
    answers, on the current template version) if there is none. Locks the client's row first:
    one draft per client, however many tabs save at once."""
    Client.objects.select_for_update().filter(pk=client.pk).first()
    draft = (
        IntakeSubmission.objects.select_for_update()
        .filter(client=client, status=SubmissionStatus.DRAFT)
        .order_by("-revision", "-pk")
        .first()
    )
    if draft is not None:
        return draft
    last = IntakeSubmission.objects.filter(client=client).order_by("-revision", "-pk").first()
    draft = IntakeSubmission(
        client=client,
        template=template,
        revision=(last.revision + 1) if last else 1,
        previous=last,
        answers=dict(last.answers) if last else {},
        sections_done=[],
        via=via,
        filled_by=filled_by,
    )
    draft.full_clean()
    draft.save()
    return draft


def intake_save(
    *,
    client: Client,
    template: FormTemplate,
    section: str,
    answers: dict[str, Any],
    complete: bool,
    via: str = Via.LINK,
    filled_by: Any = None,
) -> IntakeSubmission:
    """Save the answers of one section to the client's draft (made if needed: after a
    submission, a new revision holding a copy of the answers, the old revision untouched).
    `complete` marks the section done, and then its required answers must be there."""
    definition = template.parsed
    part = definition.section(section)
    if part is None:
        raise ValidationError({"section": "No such section."})
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in part.questions:
        try:
            cleaned[question.key] = check_answer(question, answers.get(question.key))
        except InvalidInput as invalid:
            errors[question.key] = invalid.message
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        draft = _open_draft(client=client, template=template, via=via, filled_by=filled_by)
        if draft.template_id != template.pk:
            raise ValidationError("The form changed while you were filling it in. Please reload.")
        merged = {**draft.answers, **cleaned}
        if complete:
            missing = missing_required(part.questions, merged)
            if missing:
                raise ValidationError({q.key: "Please answer this question." for q in missing})
        draft.answers = {k: v for k, v in merged.items() if v is not None}
        done = set(draft.sections_done)
        (done.add if complete else done.discard)(section)
        draft.sections_done = [s.key for s in definition.sections if s.key in done]
        if filled_by is not None:
            draft.filled_by = filled_by
            draft.via = via
        draft.full_clean()
        draft.save()
        audit_record(
            actor=filled_by,
            actor_label=_client_label(filled_by),
            client=client,
            action=Action.CHANGE,
            obj=draft,
            detail=f"Intake revision {draft.revision}, section {section} saved (via {via}).",
        )
    return draft


def intake_submit(*, submission: IntakeSubmission, submitted_by: Any = None) -> IntakeSubmission:
    """Hand the draft to the practitioner. Every required answer must be given."""
    with transaction.atomic():
        draft = IntakeSubmission.objects.select_for_update().get(pk=submission.pk)
        if draft.status != SubmissionStatus.DRAFT:
            raise ValidationError("This intake was already sent.")
        definition = draft.template.parsed
        incomplete = [
            s.key
            for s in definition.sections
            if s.key not in draft.sections_done or missing_required(s.questions, draft.answers)
        ]
        if incomplete:
            raise IntakeIncomplete(incomplete)
        draft.status = SubmissionStatus.SUBMITTED
        draft.submitted_at = timezone.now()
        if submitted_by is not None:
            draft.filled_by = submitted_by
        draft.full_clean()
        draft.save()
        audit_record(
            actor=submitted_by,
            actor_label=_client_label(submitted_by),
            client=draft.client,
            action=Action.CHANGE,
            obj=draft,
            detail=f"Intake revision {draft.revision} submitted "
            f"(form version {draft.template.version}).",
        )
    return draft


# --- consent ----------------------------------------------------------------------------------


def consent_give(
    *,
    client: Client,
    document: ConsentDocument,
    full_name: str,
    signature_text: str = "",
    signature_path: str = "",
    ip_address: str | None = None,
    via: str = Via.LINK,
    recorded_by: Any = None,
    now: datetime | None = None,
) -> Consent:
    """Record the client's consent to this exact document version (its hash kept with it).
    A typed signature is the name typed again; a drawn one is SVG path data."""
    errors: dict[str, str] = {}
    try:
        full_name = clean_line(full_name, max_length=200)
    except InvalidInput as invalid:
        errors["full_name"] = invalid.message
    if not errors.get("full_name") and not full_name:
        errors["full_name"] = "Please type your full name."
    signature_path = (signature_path or "").strip()
    try:
        signature_text = clean_line(signature_text, max_length=200)
    except InvalidInput as invalid:
        errors["signature_text"] = invalid.message
        signature_text = ""
    if signature_path:
        if len(signature_path) > SIGNATURE_PATH_MAX or not SIGNATURE_PATH.match(signature_path):
            errors["signature_path"] = (
                "The drawn signature could not be read. Please type it instead."
            )
        kind = SignatureKind.DRAWN
    else:
        kind = SignatureKind.TYPED
        if not signature_text and "signature_text" not in errors:
            errors["signature_text"] = "Please sign by typing your name (or draw your signature)."
    if document.text_hash != sha256_of(document.body):
        errors["document"] = "This consent text does not match its record."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = Consent(
            client=client,
            document=document,
            kind=document.kind,
            document_version=document.version,
            text_hash=document.text_hash,
            full_name=full_name,
            signature_kind=kind,
            signature_text=signature_text,
            signature_path=signature_path if kind == SignatureKind.DRAWN else "",
            given_at=now or timezone.now(),
            ip_address=ip_address,
            via=via,
            recorded_by=recorded_by,
        )
        consent.full_clean()
        consent.save()
        audit_record(
            actor=recorded_by,
            actor_label=_client_label(recorded_by),
            client=client,
            action=Action.CREATE,
            obj=consent,
            detail=f"Consent {consent.kind} given on version {consent.document_version} "
            f"(sha256 {consent.text_hash[:12]}, via {via}).",
        )
    return consent


def consent_withdraw(
    *,
    consent: Consent,
    reason: str,
    withdrawn_by: Any = None,
    withdrawn_at: datetime | None = None,
) -> Consent:
    """Record that the client withdrew this consent (`withdrawn_at`: when they said so, e.g.
    mid-session; now by default). The row is kept."""
    try:
        reason = clean_text(reason, max_length=2000)
    except InvalidInput as invalid:
        raise ValidationError({"reason": invalid.message}) from None
    now = timezone.now()
    when = withdrawn_at or now
    if when > now:
        raise ValidationError({"withdrawn_at": "The time of withdrawal cannot be in the future."})
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is not None:
            raise ValidationError("This consent was already withdrawn.")
        if when < locked.given_at:
            raise ValidationError(
                {"withdrawn_at": "A consent cannot be withdrawn before it was given."}
            )
        locked.withdrawn_at = when
        locked.withdrawal_reason = reason
        locked.withdrawal_recorded_at = now
        locked.withdrawn_by = withdrawn_by
        locked.full_clean()
        locked.save(
            update_fields=[
                "withdrawn_at",
                "withdrawal_reason",
                "withdrawal_recorded_at",
                "withdrawn_by",
            ]
        )
        audit_record(
            actor=withdrawn_by,
            client=locked.client,
            action=Action.CHANGE,
            obj=locked,
            detail=f"Consent {locked.kind} version {locked.document_version} withdrawn "
            f"as of {when.isoformat(timespec='minutes')}.",
        )
    return locked
