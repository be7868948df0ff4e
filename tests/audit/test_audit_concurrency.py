"""Writers racing to append: the lock (advisory on PostgreSQL, IMMEDIATE transactions on SQLite)
keeps one unbroken chain, each event after exactly one other."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from craniocare.audit.models import Action, AuditEvent
from craniocare.audit.selectors import verify_chain
from craniocare.audit.services import audit_record

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 8
EACH = 5


def test_concurrent_writers_keep_one_unbroken_chain(serena, alice_client):
    def write(worker: int) -> int:
        try:
            for i in range(EACH):
                audit_record(
                    actor=serena, client=alice_client, action=Action.VIEW, detail=f"{worker}-{i}"
                )
            return EACH
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        written = sum(pool.map(write, range(WRITERS)))
    assert written == WRITERS * EACH
    assert AuditEvent.objects.count() == WRITERS * EACH
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(
        range(1, WRITERS * EACH + 1)
    )
    assert verify_chain() == (WRITERS * EACH, None)
