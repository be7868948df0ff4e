"""Reads of session notes for the office pages; each starts from an access getter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count

from craniocare.clients.models import Client

from .access import notes_for
from .models import SessionNote
from .vocabulary import NOTICED_LABELS, REGION_LABELS, TECHNIQUE_LABELS


def client_notes(*, user: Any, client: Client) -> list[SessionNote]:
    """The client's notes `user` may read, newest session first, with what the record page's
    list shows: the session, the practitioner, the codes and `addenda_count`. One query, and
    only the columns the list uses (the budget in bench/bench_records.py)."""
    return list(
        notes_for(user)
        .filter(client=client)
        .select_related("booking__service", "practitioner")
        .only(*LIST_FIELDS)
        .annotate(addenda_count=Count("addenda"))
        .order_by("-booking__start")
    )


LIST_FIELDS = (
    "booking__start",
    "booking__service__name",
    "practitioner__display_name",
    "client_id",
    "areas",
    "techniques",
    "techniques_other",
    "noticed",
    "noticed_other",
    "status",
    "signed_at",
)


def unsigned_threshold() -> timedelta:
    return timedelta(hours=settings.CLINICAL_UNSIGNED_NOTE_HOURS)


def stale_drafts(*, user: Any, now: datetime) -> list[SessionNote]:
    """`user`'s own drafts started longer ago than the threshold: Today's to-do."""
    return list(
        notes_for(user)
        .filter(
            practitioner__user_id=user.pk,
            signed_at__isnull=True,
            created_at__lt=now - unsigned_threshold(),
        )
        .select_related("booking__service", "client")
        .order_by("created_at")
    )


@dataclass(frozen=True)
class NoteSummary:
    areas: list[str]
    techniques: list[str]
    noticed: list[str]


def labels_of(note: Any) -> NoteSummary:
    """The note's codes as words, the practitioner's own entries last."""
    techniques = [TECHNIQUE_LABELS.get(c, c) for c in note.techniques]
    if getattr(note, "techniques_other", ""):
        techniques.append(note.techniques_other)
    noticed = [NOTICED_LABELS.get(c, c) for c in getattr(note, "noticed", [])]
    if getattr(note, "noticed_other", ""):
        noticed.append(note.noticed_other)
    return NoteSummary(
        areas=[REGION_LABELS.get(c, c) for c in note.areas],
        techniques=techniques,
        noticed=noticed,
    )
