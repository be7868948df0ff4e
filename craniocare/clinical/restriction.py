"""Restricted records: an erasure request inside the retention period. The practitioner marks
the record restricted with a reason (`client_restrict`, audit event "restrict"); it is kept for
the legal period (clinical/purge.py) but left out of the client list and search, and its
clinical pages show a notice until the practitioner opens it explicitly (`restricted_open`,
audited; the opening lasts for the session: clients/restriction.py)."""

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
from craniocare.lib.parsing import InvalidInput, clean_text


def client_restrict(
    *, client: Client, reason: str, by: Any, request: HttpRequest | None = None
) -> Client:
    """Mark the record restricted, with the reason (kept with the record)."""
    try:
        reason = clean_text(reason, max_length=2000)
    except InvalidInput as invalid:
        raise ValidationError({"reason": invalid.message}) from None
    if not reason:
        raise ValidationError({"reason": "Please give the reason for the restriction."})
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
