"""The one write path of the audit trail: `audit_record`, called inside the transaction of the
change it records (a view is recorded in a transaction of its own).

Appending takes a lock so that two writers never chain to the same predecessor: on PostgreSQL a
transaction-scoped advisory lock, on SQLite the write lock that IMMEDIATE transactions
(settings.DATABASES, transaction_mode) take at BEGIN. The lock is held until the surrounding
transaction ends, which serialises audited writes; each one is short.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from craniocare.clients.models import Client
from craniocare.core.ratelimit import client_ip

from .models import GENESIS_HASH, Action, AuditEvent

# Any fixed 64-bit number; names the audit chain's lock among the advisory locks of the database.
ADVISORY_LOCK_KEY = 0x0A0D17C4A1


def actor_label_of(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{name} <{actor.email}>" if name else str(actor.email)


def _ip_of(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:  # a unix socket, a test client without an address
        return None


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
    # SQLite: the IMMEDIATE transaction already holds the database's write lock.


def audit_record(
    *,
    actor: Any,
    client: Client | None,
    action: Action | str,
    obj: Model | None = None,
    request: HttpRequest | None = None,
    detail: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to the chain. Call it inside the transaction of the change it records:
    if that rolls back, so does the event. `detail` is a short description, never clinical
    content."""
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
        user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
            at=timezone.now(),
            actor=user,
            actor_label=(actor_label or actor_label_of(user))[:200],
            client=client,
            action=str(action),
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            detail=detail[:300],
            ip=_ip_of(request),
            prev_hash=last.hash if last else GENESIS_HASH,
        )
        event.full_clean(exclude=["hash"])
        event.hash = event.compute_hash()
        event.save(force_insert=True)
    return event


def audit_record_viewed(*, request: HttpRequest, client: Client, what: str) -> None:
    """The clients app's hook: someone opened `client`'s clinical record page."""
    audit_record(
        actor=request.user, client=client, action=Action.VIEW, request=request, detail=what
    )
