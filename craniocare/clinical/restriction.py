"""Restricted records: an erasure request inside the retention period. The practitioner marks
the record restricted with a reason (`client_restrict`, audit event "restrict"); it is kept for
the legal period (clinical/purge.py) but left out of the client list and search, and its
clinical pages show a notice until the practitioner opens it explicitly (`restricted_open`,
audited; the opening lasts for the session: clients/restriction.py). When the reason for it has
gone, the practitioner lifts it with a reason of their own (`client_restriction_lift`, audit
event "unrestrict", whose detail keeps the reason the record had been restricted for).

Both changes give the practitioners of the client's bookings a new availability version: their
calendar feeds (bookings/feed.py, cached per version) show the client's initials or not."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from craniocare.audit.models import Action
from craniocare.audit.services import audit_record
from craniocare.clients.models import Client
from craniocare.clients.restriction import mark_opened
from craniocare.core.availability_version import bump_availability, practitioner_scope
from craniocare.lib.parsing import InvalidInput, clean_text

REASON_MAX = 2000
# The lift's reason goes into the audit event's detail (300 characters) with the reason the
# record had been restricted for, so it is kept short; the earlier reason is cut to fit.
LIFT_REASON_MAX = 120
DETAIL_MAX = 300


def _reason(raw: str, missing: str, max_length: int = REASON_MAX) -> str:
    try:
        reason = clean_text(raw, max_length=max_length)
    except InvalidInput as invalid:
        raise ValidationError({"reason": invalid.message}) from None
    if not reason:
        raise ValidationError({"reason": missing})
    return reason


def _feeds_changed(client: Client) -> None:
    practitioner_ids = set(client.bookings.values_list("practitioner_id", flat=True))
    bump_availability(*(practitioner_scope(pk) for pk in sorted(practitioner_ids)))


def client_restrict(
    *, client: Client, reason: str, by: Any, request: HttpRequest | None = None
) -> Client:
    """Mark the record restricted, with the reason (kept with the record)."""
    reason = _reason(reason, "Please give the reason for the restriction.")
    with transaction.atomic():
        locked = Client.objects.select_for_update().get(pk=client.pk)
        if locked.is_restricted:
            raise ValidationError("This record is already restricted.")
        locked.restricted_at = timezone.now()
        locked.restricted_reason = reason
        locked.restricted_by = by
        locked.full_clean()
        locked.save(update_fields=["restricted_at", "restricted_reason", "restricted_by"])
        audit_record(
            actor=by,
            client=locked,
            action=Action.RESTRICT,
            request=request,
            detail="Record restricted after an erasure request.",
        )
        _feeds_changed(locked)
    return locked


def client_restriction_lift(
    *, client: Client, reason: str, by: Any, request: HttpRequest | None = None
) -> Client:
    """Lift the restriction: the record is back on everyday screens. The reason it had been
    restricted for stays in the audit trail (the event's detail), not on the record."""
    reason = _reason(reason, "Please give the reason for lifting the restriction.", LIFT_REASON_MAX)
    with transaction.atomic():
        locked = Client.objects.select_for_update().get(pk=client.pk)
        if not locked.is_restricted:
            raise ValidationError("This record is not restricted.")
        earlier = locked.restricted_reason
        locked.restricted_at = None
        locked.restricted_reason = ""
        locked.restricted_by = None
        locked.full_clean()
        locked.save(update_fields=["restricted_at", "restricted_reason", "restricted_by"])
        detail = f"Restriction lifted: {' '.join(reason.split())}. Restricted before for: "
        detail += " ".join(earlier.split())
        if len(detail) > DETAIL_MAX:
            detail = detail[: DETAIL_MAX - 1] + "…"
        audit_record(
            actor=by, client=locked, action=Action.UNRESTRICT, request=request, detail=detail
        )
        _feeds_changed(locked)
    return locked


def restricted_open(*, request: HttpRequest, client: Client) -> None:
    """The explicit action that opens a restricted record for this session, audited."""
    audit_record(
        actor=request.user,
        client=client,
        action=Action.VIEW,
        request=request,
        detail="Opened the restricted record.",
    )
    mark_opened(request, client)
