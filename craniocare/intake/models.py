"""Intake forms and consents: versioned templates and documents, what clients answered and signed.

Nothing here is edited in place once given: a new template version or consent document version is
a new row; an updated intake is a new revision (the old answers stay, with the version they were
given on); a withdrawn consent keeps its row with the withdrawal recorded. Write through
craniocare/intake/services.py only.

A published consent text is fixed three times over, because consents point at it as "the exact
text signed": ``ConsentDocument.save()`` refuses to change its kind, version, title, body or hash,
its QuerySet refuses ``update()`` of those columns and every ``delete()``, and the database
refuses an UPDATE of those columns (migration 0003).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from craniocare.catalog.models import ConsentKind
from craniocare.clients.models import Client
from craniocare.lib.markdown import render_markdown

from .definition import Definition, parse_definition

DEFAULT_TEMPLATE_KEY = "health-intake"


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Via(models.TextChoices):
    LINK = "link", "The client's link"
    OFFICE = "office", "In the office"


class FormTemplate(models.Model):
    """One published version of an intake form. A new version is a new row; answers point at
    the exact version they were given on."""

    key = models.SlugField(max_length=60, default=DEFAULT_TEMPLATE_KEY)
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    definition = models.JSONField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="intake_template_key_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def parsed(self) -> Definition:
        return parse_definition(self.definition)


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Submitted"


class IntakeSubmission(models.Model):
    """A client's answers to one template version. An update after submitting is a new
    revision (``previous`` points at the one it updates). The write paths keep one draft per
    client by locking the client's row; no unique constraint, so that merging two clients'
    records (clients/services.client_merge moves every row) never fails on their revisions."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="intake_submissions")
    template = models.ForeignKey(FormTemplate, on_delete=models.PROTECT, related_name="submissions")
    revision = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_revision"
    )
    status = models.CharField(
        max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    answers = models.JSONField(default=dict, blank=True)
    sections_done = models.JSONField(default=list, blank=True)
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.LINK)
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["client", "-revision", "-created_at"]
        indexes = [models.Index(fields=["client", "revision"], name="intake_client_revision")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]), name="intake_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Intake of {self.client_id}, revision {self.revision} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == SubmissionStatus.DRAFT

    def flagged(self) -> list[tuple[Any, Any]]:
        """(question, answer) pairs the practitioner must see first."""
        return [
            (q, self.answers.get(q.key))
            for q in self.template.parsed.questions()
            if q.is_flagged(self.answers.get(q.key))
        ]


# What makes a consent text the text it is: never changed once published.
FIXED_TEXT_FIELDS = ("kind", "version", "title", "body", "text_hash")


class ConsentTextLocked(PermissionError):
    """A published consent text cannot be changed or deleted: publish a new version."""

    def __init__(self) -> None:
        super().__init__(
            "A published consent text cannot be changed or deleted: publish a new version."
        )


class ConsentDocumentQuerySet(models.QuerySet["ConsentDocument"]):
    def update(self, **kwargs: Any) -> int:
        # Other columns may change: deleting a staff member sets `published_by` to NULL
        # through this very method (Django's SET_NULL).
        if set(kwargs) & set(FIXED_TEXT_FIELDS):
            raise ConsentTextLocked()
        return super().update(**kwargs)

    def delete(self) -> Any:
        raise ConsentTextLocked()


class ConsentDocument(models.Model):
    """One version of a consent text. ``text_hash`` is the SHA-256 of the exact body;
    ``renewal_required`` means consents given to earlier versions of this kind stop counting."""

    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown.")
    text_hash = models.CharField(max_length=64, editable=False)
    renewal_required = models.BooleanField(
        default=False, help_text="Clients who signed an earlier version sign this one again."
    )
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConsentDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="intake_consentdoc_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            self._refuse_changed_text(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ConsentTextLocked()

    def _refuse_changed_text(self, update_fields: Any) -> None:
        """Compare with the stored row, not with what was loaded: an instance built by hand
        with an existing pk would otherwise overwrite a published text."""
        if update_fields is not None and not set(update_fields) & set(FIXED_TEXT_FIELDS):
            return
        stored = type(self)._base_manager.filter(pk=self.pk).values(*FIXED_TEXT_FIELDS).first()
        if stored and any(stored[name] != getattr(self, name) for name in FIXED_TEXT_FIELDS):
            raise ConsentTextLocked()

    @property
    def body_html(self) -> str:
        return render_markdown(self.body)

    @property
    def kind_label(self) -> str:
        return ConsentKind(self.kind).label


class SignatureKind(models.TextChoices):
    TYPED = "typed", "Typed"
    DRAWN = "drawn", "Drawn"


class ConsentQuerySet(models.QuerySet["Consent"]):
    def delete(self) -> Any:
        raise PermissionError("Consents are kept: withdraw one instead of deleting it.")

    def not_withdrawn(self) -> ConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """A consent given: the exact document version and its hash, who signed and how, when and
    from where. Withdrawal is recorded on the row; a consent is never deleted."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    document = models.ForeignKey(ConsentDocument, on_delete=models.PROTECT, related_name="consents")
    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    document_version = models.PositiveIntegerField()
    text_hash = models.CharField(max_length=64)
    full_name = models.CharField(max_length=200)
    signature_kind = models.CharField(max_length=10, choices=SignatureKind.choices)
    signature_text = models.CharField(max_length=200, blank=True)
    signature_path = models.TextField(blank=True, help_text="SVG path data of a drawn signature.")
    given_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.LINK)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    withdrawal_recorded_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["client", "kind"], name="intake_consent_client_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(signature_kind="typed", signature_text__gt="")
                | Q(signature_kind="drawn", signature_path__gt=""),
                name="intake_consent_has_signature",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} consent of {self.client_id} (v{self.document_version})"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("Consents are kept: withdraw one instead of deleting it.")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def kind_label(self) -> str:
        return ConsentKind(self.kind).label
