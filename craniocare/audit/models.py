"""The audit trail: one append-only row per view, change, signature, export or print of a
client's record (DESIGN.md rule 5).

Rows are never changed or deleted: the model and its QuerySet refuse, and so does the database
(migration 0002: a trigger on PostgreSQL and on SQLite). Each row carries the hash of the one
before it (`prev_hash`) and its own (`hash`, SHA-256 over `canonical()`), so a row deleted or
altered behind the application's back breaks the chain; `manage.py verify_audit` finds the
first break. `seq` numbers the rows without gaps (ids may skip after a rollback; seq may not).

Write through craniocare/audit/services.py (`audit_record`) only, inside the transaction of
the change it records.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from typing import Any, NoReturn

from django.apps import apps
from django.conf import settings
from django.db import models

from craniocare.clients.models import Client

GENESIS_HASH = "0" * 64


# Who the trail names when nobody signed in made a change: the client, through their own link.
CLIENT_LINK_LABEL = "the client"


class Action(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    SIGN = "sign", "Signed"
    ADDENDUM = "addendum", "Added an addendum"
    EXPORT = "export", "Exported"
    PRINT = "print", "Printed"
    RESTRICT = "restrict", "Restricted"
    UNRESTRICT = "unrestrict", "Lifted the restriction"
    PURGE = "purge", "Purged"


class AppendOnly(Exception):
    """An audit event may be written once and never changed or deleted."""


def _refuse(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise AppendOnly("Audit events are append-only: they cannot be changed or deleted.")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    update = _refuse
    delete = _refuse

    def for_client(self, client: Client | int) -> AuditEventQuerySet:
        client_id = client if isinstance(client, int) else client.pk
        return self.filter(client_id=client_id)


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The staff member; empty for a client or the system (see actor_label).",
    )
    actor_label = models.CharField(max_length=200)
    # The id the client's record had when the event happened, kept as it was: no database
    # constraint and nothing done on delete, so merging two client records (clients/services.py)
    # or purging one never has to touch the history (which the hash chain covers).
    client = models.ForeignKey(
        Client,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit_events",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    detail = models.CharField(
        max_length=300, blank=True, help_text="A short description; never clinical content."
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    # Merging client records leaves these rows as they are (clients/services.py).
    client_merge_keeps_history = True

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["client", "seq"], name="audit_client_seq")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse()

    @property
    def object_label(self) -> str:
        """What the event is about, in words ("session note #12"), for the audit page."""
        if not self.object_type:
            return "the record"
        try:
            name = str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            name = self.object_type
        return f"{name} #{self.object_id}"

    def canonical(self) -> bytes:
        """The event's fields and `prev_hash` as sorted, compact JSON: what `hash` covers."""
        fields = {
            "seq": self.seq,
            "at": self.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "client": self.client_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "detail": self.detail,
            "ip": self.ip,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()
