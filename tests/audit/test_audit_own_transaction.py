"""An event written outside any transaction (a record view) commits in a transaction of its own;
on PostgreSQL that transaction is pipelined by hand (audit/services.py), so a failure in it must
roll back cleanly and leave the connection and the chain as they were."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from craniocare.audit.models import Action, AuditEvent
from craniocare.audit.selectors import verify_chain
from craniocare.audit.services import audit_record

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_view_event_outside_a_transaction_is_committed_and_chained(serena, alice_client):
    assert not connection.in_atomic_block
    first = audit_record(actor=serena, client=alice_client, action=Action.VIEW, detail="one")
    second = audit_record(actor=serena, client=alice_client, action=Action.VIEW, detail="two")
    stored = AuditEvent.objects.get(pk=second.pk)
    assert (stored.seq, stored.prev_hash, stored.hash) == (2, first.hash, second.hash)
    assert stored.at >= AuditEvent.objects.get(pk=first.pk).at
    assert verify_chain() == (2, None)


def test_a_failed_insert_rolls_back_and_leaves_the_connection_usable(serena, alice_client):
    audit_record(actor=serena, client=alice_client, action=Action.VIEW, detail="kept")

    def refuse_inserts(execute, sql, params, many, context):
        if sql.startswith("INSERT INTO") and "audit_auditevent" in sql.split("(")[0]:
            raise DatabaseError("refused for the test")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_inserts), pytest.raises(DatabaseError):
        audit_record(actor=serena, client=alice_client, action=Action.VIEW, detail="lost")
    if connection.vendor == "postgresql":
        from psycopg.pq import TransactionStatus

        assert connection.connection.info.transaction_status == TransactionStatus.IDLE
    audit_record(actor=serena, client=alice_client, action=Action.VIEW, detail="after")
    assert list(AuditEvent.objects.values_list("detail", flat=True)) == ["kept", "after"]
    assert verify_chain() == (2, None)


def test_an_event_inside_a_change_rolls_back_with_it(serena, alice_client):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=serena, client=alice_client, action=Action.CHANGE, detail="undone")
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.exists()
