"""Session notes: one per booking, written as a draft, then signed and locked (DESIGN.md rule 5).

A signed note never changes. Three levels say so:
- the model: `save()` and `delete()` of a note loaded as signed raise `NoteLocked`, and so do
  QuerySet `update()` / `delete()` reaching a signed row;
- the admin: signed notes and addenda are read-only there (admin.py);
- the database: triggers on PostgreSQL and SQLite refuse UPDATE and DELETE of a row whose
  `signed_at` is set (migration 0002). Signing itself is the UPDATE that sets `signed_at` from
  NULL, which they allow. Addenda are insert-only the same way.

Corrections after signing are `Addendum` rows, shown under the original. `content_hash` is the
SHA-256 of the signed content (`canonical()`), so anyone can check the note is what was signed.

Write through craniocare/clinical/services.py only.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from craniocare.bookings.models import Booking
from craniocare.catalog.models import ConsentKind
from craniocare.clients.models import Client
from craniocare.scheduling.models import Practitioner


class NoteLocked(Exception):
    """A signed note (or an addendum) cannot be changed or deleted."""


class NoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed"


class SessionNoteQuerySet(models.QuerySet["SessionNote"]):
    def drafts(self) -> SessionNoteQuerySet:
        return self.filter(signed_at__isnull=True)

    def signed(self) -> SessionNoteQuerySet:
        return self.filter(signed_at__isnull=False)

    def _refuse_signed(self) -> None:
        if self.filter(signed_at__isnull=False).exists():
            raise NoteLocked("A signed note cannot be changed or deleted: add an addendum.")

    def update(self, **kwargs: Any) -> int:
        self._refuse_signed()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse_signed()
        return super().delete()


class SessionNote(models.Model):
    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="session_note")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="session_notes")
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="session_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    subjective = models.TextField("what the client reports", blank=True)
    pain = models.JSONField(
        default=list, blank=True, help_text='Ratings 0-10: [{"area": "jaw", "score": 6}, ...].'
    )
    findings = models.TextField(blank=True)
    areas = models.JSONField(default=list, blank=True, help_text="Body-chart region codes.")
    techniques = models.JSONField(default=list, blank=True, help_text="Technique codes.")
    techniques_other = models.CharField("own techniques", max_length=300, blank=True)
    noticed = models.JSONField(default=list, blank=True, help_text="What the client noticed.")
    noticed_other = models.CharField("noticed, in their words", max_length=300, blank=True)
    plan = models.TextField(blank=True)

    status = models.CharField(max_length=10, choices=NoteStatus.choices, default=NoteStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField()
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    content_hash = models.CharField(max_length=64, blank=True)
    # Set at signing when the body chart marks a region whose consent the client did not hold
    # for the session (clinical/consents.py): the consent kinds missing, and the practitioner's
    # acknowledgement of why the note is signed anyway.
    consent_missing = models.JSONField(default=list, blank=True)
    consent_ack_reason = models.CharField("consent acknowledgement", max_length=300, blank=True)

    objects = SessionNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-booking__start"]
        indexes = [
            models.Index(fields=["client", "created_at"], name="clinical_note_client"),
            models.Index(fields=["practitioner", "signed_at"], name="clinical_note_unsigned"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status="draft", signed_at__isnull=True)
                    | models.Q(status="signed", signed_at__isnull=False)
                ),
                name="clinical_note_status_matches_signature",
            ),
        ]

    def __str__(self) -> str:
        return f"Session note for booking {self.booking_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_locked()
        super().save(*args, **kwargs)
        self._loaded_signed = self.signed_at is not None

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._refuse_if_locked()
        return super().delete(*args, **kwargs)

    @classmethod
    def client_merge_refusal(cls, duplicate: Client) -> str:
        """Why `duplicate` cannot be merged into another record (clients/services.py): its
        signed notes name it and stay as signed. Empty when nothing stands in the way."""
        if cls.objects.filter(client=duplicate, signed_at__isnull=False).exists():
            return (
                f"{duplicate.name} has signed session notes, which are kept exactly as signed, "
                "so this record cannot be merged into another. Merge the other way round, "
                "into this one."
            )
        return ""

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> SessionNote:
        note = super().from_db(db, field_names, values)
        note._loaded_signed = note.__dict__.get("signed_at") is not None
        return note

    @property
    def consent_missing_labels(self) -> list[str]:
        return [ConsentKind(kind).label for kind in self.consent_missing]

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def _refuse_if_locked(self) -> None:
        if getattr(self, "_loaded_signed", False):
            raise NoteLocked("A signed note cannot be changed or deleted: add an addendum.")

    def canonical(self) -> bytes:
        """What the signature covers: the clinical content and who signed it when, as sorted,
        compact JSON."""
        signed_at = self.signed_at.astimezone(UTC) if self.signed_at else None
        fields = {
            "booking": self.booking_id,
            "client": self.client_id,
            "practitioner": self.practitioner_id,
            "author": self.author_id,
            "subjective": self.subjective,
            "pain": self.pain,
            "findings": self.findings,
            "areas": self.areas,
            "techniques": self.techniques,
            "techniques_other": self.techniques_other,
            "noticed": self.noticed,
            "noticed_other": self.noticed_other,
            "plan": self.plan,
            "signed_at": signed_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ") if signed_at else None,
            "signed_by": self.signed_by_id,
        }
        if self.consent_missing or self.consent_ack_reason:  # older notes keep their hash
            fields["consent_missing"] = self.consent_missing
            fields["consent_ack_reason"] = self.consent_ack_reason
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


def _refuse(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise NoteLocked("Addenda are kept as written: they cannot be changed or deleted.")


class AddendumQuerySet(models.QuerySet["Addendum"]):
    update = _refuse
    delete = _refuse


class Addendum(models.Model):
    """A correction or addition to a signed note, with its author, time and reason."""

    note = models.ForeignKey(SessionNote, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.CharField(max_length=300)
    text = models.TextField()

    objects = AddendumQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "addenda"

    def __str__(self) -> str:
        return f"Addendum to note {self.note_id} at {self.at:%Y-%m-%d %H:%M} UTC"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse()


class NoteTemplate(models.Model):
    """A practitioner's reusable starting point for a note."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="note_templates"
    )
    name = models.CharField(max_length=120)
    subjective = models.TextField(blank=True)
    findings = models.TextField(blank=True)
    areas = models.JSONField(default=list, blank=True)
    techniques = models.JSONField(default=list, blank=True)
    techniques_other = models.CharField(max_length=300, blank=True)
    plan = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "name"], name="clinical_template_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PurgeAuthorization(models.Model):
    """The one way past the locks on signed notes and addenda: while a row names a client, the
    database triggers (migration 0003) let DELETE through for that client's notes and addenda.

    Only the retention purge (clinical/purge.py) writes it, and it inserts and removes the row
    inside the one transaction that deletes the client's record and writes the "purge" audit
    event, so no other transaction ever sees it (and a rollback leaves nothing). UPDATE of a
    signed note stays refused, always."""

    client_id = models.BigIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Purge of client {self.client_id} under way"
