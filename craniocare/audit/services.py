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

from craniocare.accounts.models import Role
from craniocare.clients.models import Client
from craniocare.core.ratelimit import client_ip

from .models import CLIENT_LINK_LABEL, GENESIS_HASH, Action, AuditEvent

# Any fixed 64-bit number; names the audit chain's lock among the advisory locks of the database.
ADVISORY_LOCK_KEY = 0x0A0D17C4A1


def actor_label_of(actor: Any) -> str:
    """Staff by name and address; a client as "the client" (their sign-in is the event's actor):
    the chain cannot be rewritten, so it must hold nothing that identifies a client once their
    record is purged (clinical/purge.py strips the sign-in itself)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    if getattr(actor, "role", None) == Role.CLIENT:
        return CLIENT_LINK_LABEL
    name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{name} <{actor.email}>" if name else str(actor.email)


def _ip_of(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:  # a unix socket, a test client without an address
        return None


HEAD_SQL = "SELECT seq, hash FROM audit_auditevent ORDER BY seq DESC LIMIT 1"
LOCK_SQL = "SELECT pg_advisory_xact_lock(%s)"


def _chain_head() -> tuple[int, str]:
    """Take the chain's lock, then read the newest event's (seq, hash): (0, GENESIS_HASH) before
    the first one. On PostgreSQL both statements go in one pipeline, one round trip; the read
    still runs after the lock is granted, with its own snapshot (READ COMMITTED), so it sees the
    event of any writer that held the lock before."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with connection.connection.pipeline():
                cursor.execute(LOCK_SQL, [ADVISORY_LOCK_KEY])
                cursor.execute(HEAD_SQL)
        else:  # SQLite: the IMMEDIATE transaction already holds the database's write lock.
            cursor.execute(HEAD_SQL)
        return _head(cursor.fetchone())


def _head(row: tuple[Any, ...] | None) -> tuple[int, str]:
    return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)


def _seal(event: AuditEvent, head: tuple[int, str]) -> None:
    """Chain `event` after `head` and compute its hash; its time is taken under the lock, so
    times follow the chain's order."""
    event.seq, event.prev_hash = head[0] + 1, head[1]
    event.at = timezone.now()
    event.hash = event.compute_hash()


def _append_alone_on_postgres(event: AuditEvent) -> None:
    """A view's event, outside any transaction: a transaction of its own in two round trips
    (BEGIN, lock and head; then INSERT and COMMIT, pipelined) instead of five, which keeps the
    audit write of a record view under its 2 ms budget. The COMMIT is an ordinary durable one."""
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f.column for f in fields)  # our own model's columns, no input
    placeholders = ", ".join(["%s"] * len(fields))
    insert = f"INSERT INTO audit_auditevent ({columns}) VALUES ({placeholders}) RETURNING id"  # noqa: S608
    connection.ensure_connection()
    raw = connection.connection
    with connection.cursor() as cursor:
        try:
            with raw.pipeline():
                cursor.execute("BEGIN")
                cursor.execute(LOCK_SQL, [ADVISORY_LOCK_KEY])
                cursor.execute(HEAD_SQL)
                _seal(event, _head(cursor.fetchone()))
                values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]
                cursor.execute(insert, values)
                raw.execute("COMMIT")
            event.pk = cursor.fetchone()[0]
        except BaseException:
            raw.execute("ROLLBACK")
            raise
    event._state.adding, event._state.db = False, connection.alias


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
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        at=timezone.now(),  # replaced under the lock (_seal)
        actor=user,
        actor_label=(actor_label or actor_label_of(user))[:200],
        client=client,
        action=str(action),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:300],
        ip=_ip_of(request),
    )
    # Field checks only: the actor and client are instances the caller already holds, and `seq`
    # is unique by the chain's lock and the database's constraint, so full_clean()'s lookups
    # would only add round trips to every record view.
    event.clean_fields(exclude=["seq", "prev_hash", "hash", "actor", "client"])
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        _append_alone_on_postgres(event)
        return event
    with transaction.atomic():
        _seal(event, _chain_head())
        event.save(force_insert=True)
    return event


def audit_record_viewed(*, request: HttpRequest, client: Client, what: str) -> None:
    """The clients app's hook: someone opened `client`'s clinical record page."""
    audit_record(
        actor=request.user, client=client, action=Action.VIEW, request=request, detail=what
    )
