"""Reads of the audit trail: a client's events for the office, and the chain check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from craniocare.clients.models import Client

from .models import GENESIS_HASH, AuditEvent

CHUNK = 2000


def client_events(*, client: Client) -> Any:
    """The client's audit events, newest first (the caller checked access)."""
    return AuditEvent.objects.for_client(client).select_related("actor").order_by("-seq")


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    event_id: int
    at: str
    problem: str


def _events() -> Iterator[AuditEvent]:
    last = 0
    while True:
        chunk = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:CHUNK])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq


def _problem(event: AuditEvent, expected_seq: int, expected_prev: str) -> str | None:
    if event.seq != expected_seq:
        last_missing = event.seq - 1
        missing = (
            f"#{expected_seq}"
            if last_missing == expected_seq
            else (f"#{expected_seq} to #{last_missing}")
        )
        return f"the event(s) before it ({missing}) are missing: deleted"
    if event.prev_hash != expected_prev:
        return "it does not follow the event before it: that one was replaced"
    if event.compute_hash() != event.hash:
        return "its content was changed after it was written"
    return None


def verify_chain() -> tuple[int, ChainBreak | None]:
    """Walk the chain from the first event: (events checked, the first break or None).

    A changed row no longer matches its own hash; a deleted row leaves a gap in `seq` (and the
    next row's `prev_hash` points at a hash no row has)."""
    expected_seq, expected_prev, count = 1, GENESIS_HASH, 0
    for event in _events():
        problem = _problem(event, expected_seq, expected_prev)
        if problem is not None:
            return count, ChainBreak(event.seq, event.pk, event.at.isoformat(), problem)
        expected_seq, expected_prev, count = event.seq + 1, event.hash, count + 1
    return count, None
