"""Merging two client records (clients/services.py) next to records kept as written: the audit
trail keeps the ids it recorded (the chain stays intact), and a duplicate whose notes are signed
is not merged away: its signed notes name it and cannot change."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from craniocare.audit.models import Action, AuditEvent
from craniocare.audit.selectors import verify_chain
from craniocare.audit.services import audit_record
from craniocare.clients.models import Client
from craniocare.clients.services import client_merge
from craniocare.clinical.models import SessionNote
from tests.clinical.helpers import session, signed_note, written_note
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_a_merge_leaves_the_audit_trail_as_it_was(serena, alice_client, session60):
    duplicate = ClientFactory(name="Alice M.", email="alice.m@example.org")
    note = written_note(session(serena, duplicate, session60, days_ago=2), serena)
    audit_record(actor=serena, client=duplicate, action=Action.VIEW, obj=note)
    client_merge(survivor=alice_client, duplicate=duplicate, merged_by=serena)
    assert not Client.objects.filter(pk=duplicate.pk).exists()
    assert SessionNote.objects.get(pk=note.pk).client == alice_client  # a draft moves
    assert AuditEvent.objects.filter(client_id=duplicate.pk).count() == 3  # kept as recorded
    assert verify_chain()[1] is None


def test_a_duplicate_with_signed_notes_is_not_merged_away(serena, alice_client, session60):
    duplicate = ClientFactory(name="Alice M.", email="alice.m@example.org")
    note = signed_note(session(serena, duplicate, session60, days_ago=2), serena)
    with pytest.raises(ValidationError, match="signed session notes"):
        client_merge(survivor=alice_client, duplicate=duplicate, merged_by=serena)
    assert Client.objects.filter(pk=duplicate.pk).exists()
    assert SessionNote.objects.get(pk=note.pk).client == duplicate
