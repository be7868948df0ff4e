"""The audit trail: append-only at the model and the database, chained by hashes so that
verify_audit finds a row deleted or changed behind the application's back (the test switches the
database's protection off first, as someone with direct database access could)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from craniocare.audit.models import GENESIS_HASH, Action, AppendOnly, AuditEvent
from craniocare.audit.services import audit_record
from tests.dbprotection import unprotected

pytestmark = pytest.mark.django_db


def record(serena, client, n: int = 1) -> list[AuditEvent]:
    return [
        audit_record(actor=serena, client=client, action=Action.VIEW, detail=f"view {i}")
        for i in range(n)
    ]


def raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_it_chains_each_event_to_the_one_before(serena, alice_client):
    first, second, third = record(serena, alice_client, 3)
    assert (first.seq, second.seq, third.seq) == (1, 2, 3)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert all(e.hash == e.compute_hash() for e in AuditEvent.objects.all())
    assert first.actor == serena
    assert first.actor_label == "Serena Hale <serena@example.com>"


def test_it_records_nothing_when_the_change_rolls_back(serena, alice_client):
    with pytest.raises(RuntimeError), transaction.atomic():
        record(serena, alice_client)
        raise RuntimeError("the change failed")
    assert AuditEvent.objects.count() == 0


def test_events_refuse_change_through_the_orm(serena, alice_client):
    (event,) = record(serena, alice_client)
    event.detail = "rewritten"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(detail="rewritten")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).detail == "view 0"


def test_events_refuse_a_raw_update_and_delete_at_the_database(serena, alice_client):
    (event,) = record(serena, alice_client)
    with pytest.raises(IntegrityError, match="audit_event_append_only"):
        raw("UPDATE audit_auditevent SET detail = %s WHERE id = %s", ["rewritten", event.pk])
    with pytest.raises(IntegrityError, match="audit_event_append_only"):
        raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).detail == "view 0"


def test_verify_audit_says_ok_for_an_intact_chain(serena, alice_client):
    record(serena, alice_client, 5)
    assert "OK: 5 audit event(s)" in verify()


def test_verify_audit_finds_a_row_deleted_by_raw_sql(serena, alice_client):
    events = record(serena, alice_client, 5)
    with unprotected("audit"):
        raw("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    with pytest.raises(CommandError) as broken:
        verify()
    message = str(broken.value)
    assert f"event #4 (id {events[3].pk}, " in message
    assert "#3" in message
    assert "deleted" in message
    assert broken.value.returncode == 1


def test_verify_audit_finds_a_row_changed_by_raw_sql(serena, alice_client):
    events = record(serena, alice_client, 5)
    with unprotected("audit"):
        raw("UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["nobody", events[1].pk])
    with pytest.raises(CommandError) as broken:
        verify()
    assert f"event #2 (id {events[1].pk}, " in str(broken.value)
    assert "changed" in str(broken.value)


def test_verify_audit_finds_a_row_replaced_with_a_fresh_hash(serena, alice_client):
    """Changing a row and recomputing its own hash still breaks the next row's link."""
    events = record(serena, alice_client, 3)
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.detail = "forged"
    with unprotected("audit"):
        raw(
            "UPDATE audit_auditevent SET detail = %s, hash = %s WHERE id = %s",
            ["forged", forged.compute_hash(), forged.pk],
        )
    with pytest.raises(CommandError) as broken:
        verify()
    assert f"event #3 (id {events[2].pk}, " in str(broken.value)


def test_the_protection_is_back_after_a_tamper_test(serena, alice_client):
    (event,) = record(serena, alice_client)
    with unprotected("audit"):
        pass
    with pytest.raises(IntegrityError):
        raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])


def test_verify_audit_finds_the_newest_events_cut_off_given_an_earlier_head(serena, alice_client):
    events = record(serena, alice_client, 4)
    head = verify().split("Head: ")[1].strip()
    assert head == f"4:{events[3].hash}"
    assert "OK" in verify_with_head(head)
    with unprotected("audit"):
        raw("DELETE FROM audit_auditevent WHERE seq >= %s", [3])
    assert "OK: 2 audit event(s)" in verify()  # the chain alone cannot tell
    with pytest.raises(CommandError, match="event #4, the head of an earlier check, is gone"):
        verify_with_head(head)


def verify_with_head(head: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", "--head", head, stdout=out)
    return out.getvalue()
