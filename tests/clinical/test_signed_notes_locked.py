"""A signed note is kept, not edited: the model, the admin and the database each refuse to change
or delete it (SQLite and PostgreSQL: run this file on both); corrections are addenda, and the
original stays byte for byte as signed."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from craniocare.clinical.models import Addendum, NoteLocked, SessionNote
from craniocare.clinical.services import NoteContent, addendum_add, note_sign, note_update
from tests.clinical.helpers import signed_note, written_note

pytestmark = pytest.mark.django_db


def raw_row(note: SessionNote) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM clinical_sessionnote WHERE id = %s", [note.pk])
        return cursor.fetchone()


def raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_it_signs_a_draft_with_the_hash_of_its_content(alice_session, serena):
    note = signed_note(alice_session, serena)
    assert note.status == "signed"
    assert note.signed_by == serena
    assert note.signed_at is not None
    assert note.content_hash == note.compute_hash()
    assert len(note.content_hash) == 64


def test_a_draft_can_still_change(alice_session, serena):
    note = written_note(alice_session, serena)
    raw("UPDATE clinical_sessionnote SET plan = %s WHERE id = %s", ["Three weeks.", note.pk])
    assert SessionNote.objects.get(pk=note.pk).plan == "Three weeks."


def test_a_signed_note_refuses_change_through_the_orm(alice_session, serena):
    note = signed_note(alice_session, serena)
    before = raw_row(note)
    loaded = SessionNote.objects.get(pk=note.pk)
    loaded.plan = "Something else"
    with pytest.raises(NoteLocked):
        loaded.save()
    with pytest.raises(NoteLocked):
        loaded.delete()
    with pytest.raises(NoteLocked):
        SessionNote.objects.filter(pk=note.pk).update(plan="Something else")
    with pytest.raises(NoteLocked):
        SessionNote.objects.filter(pk=note.pk).delete()
    with pytest.raises(NoteLocked):
        note_update(note=note, content=NoteContent(plan="Something else"), author=serena)
    with pytest.raises(NoteLocked):
        note_sign(note=note, signer=serena)
    assert raw_row(note) == before


def test_a_signed_note_refuses_a_raw_sql_update(alice_session, serena):
    note = signed_note(alice_session, serena)
    before = raw_row(note)
    with pytest.raises(IntegrityError, match="signed_note_locked"):
        raw("UPDATE clinical_sessionnote SET plan = %s WHERE id = %s", ["Changed", note.pk])
    with pytest.raises(IntegrityError, match="signed_note_locked"):
        raw(
            "UPDATE clinical_sessionnote SET signed_at = NULL, status = 'draft' WHERE id = %s",
            [note.pk],
        )
    assert raw_row(note) == before


def test_a_signed_note_refuses_a_raw_sql_delete(alice_session, serena):
    note = signed_note(alice_session, serena)
    with pytest.raises(IntegrityError, match="signed_note_locked"):
        raw("DELETE FROM clinical_sessionnote WHERE id = %s", [note.pk])
    assert SessionNote.objects.filter(pk=note.pk).exists()


def test_an_addendum_leaves_the_original_byte_identical(alice_session, serena):
    note = signed_note(alice_session, serena)
    before = raw_row(note)
    addendum_add(
        note=note, author=serena, reason="A late detail", text="She also mentioned ear fullness."
    )
    assert raw_row(note) == before
    reloaded = SessionNote.objects.get(pk=note.pk)
    assert reloaded.compute_hash() == reloaded.content_hash == note.content_hash
    assert [a.reason for a in reloaded.addenda.all()] == ["A late detail"]


def test_addenda_are_insert_only(alice_session, serena):
    note = signed_note(alice_session, serena)
    addendum = addendum_add(note=note, author=serena, reason="Correction", text="Right, not left.")
    with pytest.raises(NoteLocked):
        addendum.save()
    with pytest.raises(NoteLocked):
        addendum.delete()
    with pytest.raises(NoteLocked):
        Addendum.objects.filter(pk=addendum.pk).update(text="x")
    with pytest.raises(IntegrityError, match="addendum_insert_only"):
        raw("UPDATE clinical_addendum SET text = %s WHERE id = %s", ["x", addendum.pk])
    with pytest.raises(IntegrityError, match="addendum_insert_only"):
        raw("DELETE FROM clinical_addendum WHERE id = %s", [addendum.pk])
    assert Addendum.objects.get(pk=addendum.pk).text == "Right, not left."


def test_a_draft_takes_no_addendum(alice_session, serena):
    from django.core.exceptions import ValidationError

    note = written_note(alice_session, serena)
    with pytest.raises(ValidationError):
        addendum_add(note=note, author=serena, reason="Too early", text="Edit the draft.")


def test_the_admin_shows_a_signed_note_read_only(office_client, serena, alice_session):
    serena.is_superuser = True
    serena.save(update_fields=["is_superuser"])
    note = signed_note(alice_session, serena)
    before = raw_row(note)
    client = office_client(serena)
    change_url = reverse("admin:clinical_sessionnote_change", args=[note.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="plan"' not in page.content.decode()  # shown, not editable
    assert client.post(change_url, {"plan": "Changed"}).status_code == 403
    delete_url = reverse("admin:clinical_sessionnote_delete", args=[note.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert raw_row(note) == before
