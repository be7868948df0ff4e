"""A published consent text never changes: the model's save(), its QuerySet's update() and
delete(), and the database itself (migration 0003, on SQLite and PostgreSQL) refuse to change
its kind, version, title, body or hash. Consents point at the row as the exact text signed."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from craniocare.intake.models import ConsentDocument, ConsentTextLocked, sha256_of
from craniocare.intake.selectors import current_document
from craniocare.intake.services import consent_document_publish
from tests.intake.helpers import sign

pytestmark = pytest.mark.django_db

ORIGINAL = "The words the client read."


@pytest.fixture
def document(serena) -> ConsentDocument:
    current_document("intraoral")  # version 1, the default
    return consent_document_publish(
        kind="intraoral", title="Intraoral work", body=ORIGINAL, published_by=serena
    )


def stored(document: ConsentDocument) -> tuple:
    row = ConsentDocument.objects.values_list("kind", "version", "title", "body", "text_hash")
    return row.get(pk=document.pk)


CHANGES = [
    ("kind", "pelvic"),
    ("version", 9),
    ("title", "A kinder title"),
    ("body", "Other words."),
    ("text_hash", sha256_of("Other words.")),
]


@pytest.mark.parametrize(("field", "value"), CHANGES)
def test_save_refuses_to_change_a_published_text(document, field, value):
    before = stored(document)
    setattr(document, field, value)
    with pytest.raises(ConsentTextLocked):
        document.save()
    with pytest.raises(ConsentTextLocked):
        document.save(update_fields=[field])
    assert stored(document) == before


def test_a_row_built_by_hand_with_a_published_pk_cannot_overwrite_it(document):
    before = stored(document)
    impostor = ConsentDocument(
        pk=document.pk,
        kind="intraoral",
        version=document.version,
        title=document.title,
        body="Different words.",
        text_hash=sha256_of("Different words."),
    )
    with pytest.raises(ConsentTextLocked):
        impostor.save()
    assert stored(document) == before


def test_save_of_other_columns_still_works(document, pia):
    document.published_by = pia
    document.save(update_fields=["published_by"])
    document.refresh_from_db()
    assert document.published_by == pia


@pytest.mark.parametrize(("field", "value"), CHANGES)
def test_queryset_update_refuses_the_fixed_columns(document, field, value):
    before = stored(document)
    with pytest.raises(ConsentTextLocked):
        ConsentDocument.objects.filter(pk=document.pk).update(**{field: value})
    assert stored(document) == before


def test_queryset_and_model_refuse_delete(document):
    with pytest.raises(ConsentTextLocked):
        ConsentDocument.objects.filter(pk=document.pk).delete()
    with pytest.raises(ConsentTextLocked):
        document.delete()
    assert ConsentDocument.objects.filter(pk=document.pk).exists()


def test_queryset_update_of_other_columns_still_works(document):
    # The same rule as the database's: only what makes the text the text is fixed.
    before = stored(document)
    assert ConsentDocument.objects.filter(pk=document.pk).update(published_by=None) == 1
    document.refresh_from_db()
    assert document.published_by is None
    assert stored(document) == before


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("kind", "'pelvic'"),
        ("version", "9"),
        ("title", "'A kinder title'"),
        ("body", "'Other words.'"),
        ("text_hash", "'0000'"),
    ],
)
def test_the_database_refuses_an_update_of_the_fixed_columns(document, column, value):
    before = stored(document)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE intake_consentdocument SET {column} = {value} WHERE id = %s",  # noqa: S608
            [document.pk],
        )
    assert stored(document) == before


def test_the_database_lets_other_columns_and_same_values_through(document, serena):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE intake_consentdocument SET published_by_id = NULL, body = body, "
            "title = title WHERE id = %s",
            [document.pk],
        )
    document.refresh_from_db()
    assert document.published_by is None and document.body == ORIGINAL


def test_a_signed_version_keeps_its_text_after_a_new_one(alice_booking, document):
    consent = sign(alice_booking.client)
    newer = consent_document_publish(kind="intraoral", title="Intraoral work", body="Newer.")
    consent.refresh_from_db()
    assert consent.document == document and consent.document.body == ORIGINAL
    assert consent.text_hash == sha256_of(ORIGINAL) != newer.text_hash
