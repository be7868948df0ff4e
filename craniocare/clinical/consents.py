"""Consent by body region: which consents a note's body chart needs that the client did not hold
for that session, and the consents withdrawn while the session ran. Reads intake's consents
(intake sits below clinical); writes nothing.

A consent counts for a session when it was given before the session ended, was not withdrawn
before it started, and is to a document version that is still accepted (intake's
`accepted_from_versions`). A consent withdrawn during the session counted for its first part
only: the note shows the time of withdrawal and the gap is flagged like a missing consent, so
the practitioner says, before signing, that work in that region stopped in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from craniocare.bookings.models import Booking
from craniocare.catalog.models import ConsentKind
from craniocare.intake.models import Consent
from craniocare.intake.selectors import accepted_from_versions

from .vocabulary import REGION_CONSENT, REGION_LABELS


@dataclass(frozen=True)
class ConsentGap:
    kind: str
    kind_label: str
    regions: tuple[str, ...]  # labels of the marked regions that need it
    withdrawn_at: datetime | None = None  # set when it was withdrawn during the session


@dataclass(frozen=True)
class SessionConsents:
    gaps: tuple[ConsentGap, ...]
    withdrawn_during: tuple[tuple[str, datetime], ...]  # (kind label, when), any kind

    @property
    def missing_kinds(self) -> list[str]:
        return [gap.kind for gap in self.gaps]


def session_consents(booking: Booking, areas: list[str]) -> SessionConsents:
    """The consent gaps of a note marking `areas` for `booking`. One query, plus intake's one
    for the accepted versions when a sensitive region is marked or a consent was withdrawn."""
    rows = list(
        Consent.objects.filter(client_id=booking.client_id, given_at__lt=booking.end)
        .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=booking.start))
        .values_list("kind", "document_version", "withdrawn_at")
    )
    withdrawn_during = tuple(
        sorted(
            (ConsentKind(kind).label, at)
            for kind, _v, at in rows
            if at is not None and booking.start < at < booking.end
        )
    )
    needed: dict[str, list[str]] = {}
    for code in areas:
        if code in REGION_CONSENT:
            needed.setdefault(REGION_CONSENT[code], []).append(REGION_LABELS[code])
    if not needed:
        return SessionConsents(gaps=(), withdrawn_during=withdrawn_during)
    floors = accepted_from_versions()
    held_whole: set[str] = set()
    withdrawn_at: dict[str, datetime] = {}
    for kind, version, at in rows:
        if version < floors.get(kind, 1):
            continue
        if at is None or at >= booking.end:
            held_whole.add(kind)
        else:
            withdrawn_at.setdefault(kind, at)
    gaps = tuple(
        ConsentGap(
            kind=kind,
            kind_label=ConsentKind(kind).label,
            regions=tuple(regions),
            withdrawn_at=withdrawn_at.get(kind),
        )
        for kind, regions in needed.items()
        if kind not in held_whole
    )
    return SessionConsents(gaps=gaps, withdrawn_during=withdrawn_during)
