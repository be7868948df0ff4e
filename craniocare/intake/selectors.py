"""Reads: the current template and consent documents, a client's answers, and which consents a
booking still needs (for a whole calendar in two queries)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q

from craniocare.catalog.models import ConsentKind, Service
from craniocare.clients.models import Client

from .models import (
    DEFAULT_TEMPLATE_KEY,
    Consent,
    ConsentDocument,
    FormTemplate,
    IntakeSubmission,
    SubmissionStatus,
)


def current_template(key: str = DEFAULT_TEMPLATE_KEY) -> FormTemplate:
    """The newest version of the form `key` (the default is seeded on first use)."""
    found = FormTemplate.objects.filter(key=key).order_by("-version").first()
    if found is None:
        from .services import intake_defaults_ensure

        intake_defaults_ensure()
        found = FormTemplate.objects.filter(key=key).order_by("-version").first()
    assert found is not None
    return found


def current_document(kind: str) -> ConsentDocument:
    """The newest version of the consent document `kind` (defaults seeded on first use)."""
    found = ConsentDocument.objects.filter(kind=kind).order_by("-version").first()
    if found is None:
        from .services import intake_defaults_ensure

        intake_defaults_ensure()
        found = ConsentDocument.objects.filter(kind=kind).order_by("-version").first()
    if found is None:
        raise ConsentDocument.DoesNotExist(kind)
    return found


def accepted_from_versions() -> dict[str, int]:
    """Per kind, the oldest document version a consent may be to still count: the newest
    version that asked for renewal (1 when none did). One query."""
    rows = (
        ConsentDocument.objects.filter(renewal_required=True)
        .values("kind")
        .annotate(newest=Max("version"))
    )
    return {row["kind"]: row["newest"] for row in rows}


@dataclass(frozen=True)
class ConsentText:
    """One version of a consent text as the office lists it."""

    document: ConsentDocument
    in_effect: int  # consents given on this version, not withdrawn, still counting
    counts: bool  # consents on this version still count (no later version asked for renewal)


def consent_text_versions(kind: str) -> list[ConsentText]:
    """Every version of the consent `kind`, newest first, with how many consents given on each
    are in effect. One query (and the renewal floors)."""
    floor = accepted_from_versions().get(kind, 1)
    documents = (
        ConsentDocument.objects.filter(kind=kind)
        .select_related("published_by")
        .annotate(active=Count("consents", filter=Q(consents__withdrawn_at__isnull=True)))
        .order_by("-version")
    )
    texts = []
    for document in documents:
        counts = document.version >= floor
        active: int = document.active  # type: ignore[attr-defined]  # the annotation above
        texts.append(
            ConsentText(document=document, in_effect=active if counts else 0, counts=counts)
        )
    return texts


def consent_texts_current() -> list[ConsentText]:
    """The current version of each consent kind, in the order of ConsentKind."""
    for kind in ConsentKind.values:
        current_document(kind)  # the defaults, seeded on first use
    return [consent_text_versions(kind)[0] for kind in ConsentKind.values]


def clients_to_sign_again(kind: str) -> int:
    """How many clients hold a consent of `kind` that counts today: those a new version asking
    for renewal would ask to sign again."""
    floor = accepted_from_versions().get(kind, 1)
    return (
        Consent.objects.not_withdrawn()
        .filter(kind=kind, document_version__gte=floor)
        .values("client_id")
        .distinct()
        .count()
    )


def valid_kinds_by_client(client_ids: Iterable[int]) -> dict[int, set[str]]:
    """For each client, the consent kinds they hold a valid consent for: given, not withdrawn,
    to the current version or one still accepted. Two queries, whatever the number of clients."""
    wanted = {pk for pk in client_ids if pk}
    if not wanted:
        return {}
    floors = accepted_from_versions()
    valid: dict[int, set[str]] = {pk: set() for pk in wanted}
    rows = (
        Consent.objects.not_withdrawn()
        .filter(client_id__in=wanted)
        .values_list("client_id", "kind", "document_version")
    )
    for client_id, kind, version in rows:
        if version >= floors.get(kind, 1):
            valid[client_id].add(kind)
    return valid


def consents_missing(client: Client, service: Service) -> list[str]:
    """The consent kinds `service` needs that `client` has no valid consent for, in the order
    the service lists them."""
    needed = list(service.consents_required or [])
    if not needed:
        return []
    have = valid_kinds_by_client([client.pk]).get(client.pk, set())
    return [kind for kind in needed if kind not in have]


def consent_flags_for(bookings: Iterable[Any]) -> dict[int, list[str]]:
    """booking pk -> consent kinds still missing, for bookings whose service needs some (their
    ``service`` should be select_related). Two queries for any number of bookings."""
    needing = [b for b in bookings if b.service.consents_required]
    if not needing:
        return {}
    have = valid_kinds_by_client(b.client_id for b in needing)
    flags = {}
    for booking in needing:
        missing = [
            kind
            for kind in booking.service.consents_required
            if kind not in have.get(booking.client_id, set())
        ]
        if missing:
            flags[booking.pk] = missing
    return flags


def kind_label(kind: str) -> str:
    try:
        return str(ConsentKind(kind).label)
    except ValueError:
        return kind


def latest_submission(client: Client) -> IntakeSubmission | None:
    return (
        IntakeSubmission.objects.filter(client=client)
        .select_related("template")
        .order_by("-revision", "-pk")
        .first()
    )


def latest_submitted(client: Client) -> IntakeSubmission | None:
    return (
        IntakeSubmission.objects.filter(client=client, status=SubmissionStatus.SUBMITTED)
        .select_related("template")
        .order_by("-revision", "-pk")
        .first()
    )


def submissions_of(client: Client) -> list[IntakeSubmission]:
    return list(
        IntakeSubmission.objects.filter(client=client)
        .select_related("template", "filled_by")
        .order_by("-revision", "-pk")
    )


def consents_of(client: Client) -> list[Consent]:
    return list(
        Consent.objects.filter(client=client)
        .select_related("document", "recorded_by", "withdrawn_by")
        .order_by("-given_at")
    )


def intake_done_by_client(client_ids: Iterable[int]) -> dict[int, str]:
    """client id -> "submitted", "draft" or "" (nothing yet): what front desk may know."""
    wanted = {pk for pk in client_ids if pk}
    status: dict[int, str] = dict.fromkeys(wanted, "")
    for client_id, state in IntakeSubmission.objects.filter(client_id__in=wanted).values_list(
        "client_id", "status"
    ):
        if state == SubmissionStatus.SUBMITTED or not status[client_id]:
            status[client_id] = state
    return status


FLAG_WORDS = {
    "general": "general consent",
    "intraoral": "intraoral work",
    "pelvic": "work near the pelvis",
}


def flag_text(kinds: list[str]) -> str:
    """ "Consent needed: intraoral work" (what the calendar, Today and the booking page say)."""
    return "Consent needed: " + ", ".join(FLAG_WORDS.get(k, k) for k in kinds)
