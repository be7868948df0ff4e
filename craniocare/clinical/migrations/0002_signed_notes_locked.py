"""Signed session notes and addenda refuse change at the database (DESIGN.md rule 5).

- clinical_sessionnote: UPDATE and DELETE of a row whose signed_at is set are refused. Signing is
  the UPDATE that sets signed_at from NULL (OLD.signed_at is NULL), so it passes; a draft may be
  edited and deleted freely.
- clinical_addendum: insert-only; every UPDATE and DELETE is refused.

PostgreSQL: trigger functions raising restrict_violation (Django's IntegrityError). SQLite:
BEFORE UPDATE / BEFORE DELETE triggers with RAISE(ABORT) (also an IntegrityError). The SQL is
kept by vendor as in craniocare/bookings/migrations/0005_bounded_ranges.py; tests/dbprotection.py
reads it to switch the protection off around test-database flushes.
"""

from craniocare.core.vendor_sql import vendor_sql
from django.db import migrations

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION clinical_sessionnote_signed_locked() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.signed_at IS NOT NULL THEN
            RAISE EXCEPTION 'signed_note_locked' USING ERRCODE = 'restrict_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER clinical_sessionnote_signed_locked
    BEFORE UPDATE OR DELETE ON clinical_sessionnote
    FOR EACH ROW EXECUTE FUNCTION clinical_sessionnote_signed_locked()
    """,
    """
    CREATE OR REPLACE FUNCTION clinical_addendum_insert_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'addendum_insert_only' USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    """
    CREATE TRIGGER clinical_addendum_insert_only
    BEFORE UPDATE OR DELETE ON clinical_addendum
    FOR EACH ROW EXECUTE FUNCTION clinical_addendum_insert_only()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS clinical_sessionnote_signed_locked ON clinical_sessionnote",
    "DROP FUNCTION IF EXISTS clinical_sessionnote_signed_locked()",
    "DROP TRIGGER IF EXISTS clinical_addendum_insert_only ON clinical_addendum",
    "DROP FUNCTION IF EXISTS clinical_addendum_insert_only()",
]

SQLITE_FORWARD = [
    """
    CREATE TRIGGER IF NOT EXISTS clinical_sessionnote_signed_no_update
    BEFORE UPDATE ON clinical_sessionnote
    FOR EACH ROW WHEN OLD.signed_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'signed_note_locked'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS clinical_sessionnote_signed_no_delete
    BEFORE DELETE ON clinical_sessionnote
    FOR EACH ROW WHEN OLD.signed_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'signed_note_locked'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS clinical_addendum_no_update
    BEFORE UPDATE ON clinical_addendum
    BEGIN SELECT RAISE(ABORT, 'addendum_insert_only'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS clinical_addendum_no_delete
    BEFORE DELETE ON clinical_addendum
    BEGIN SELECT RAISE(ABORT, 'addendum_insert_only'); END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS clinical_sessionnote_signed_no_update",
    "DROP TRIGGER IF EXISTS clinical_sessionnote_signed_no_delete",
    "DROP TRIGGER IF EXISTS clinical_addendum_no_update",
    "DROP TRIGGER IF EXISTS clinical_addendum_no_delete",
]


class Migration(migrations.Migration):
    dependencies = [("clinical", "0001_initial")]

    operations = [
        vendor_sql(
            {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD},
            {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD},
        ),
    ]
