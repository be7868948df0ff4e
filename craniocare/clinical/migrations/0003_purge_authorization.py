"""The retention purge's way past the locks of migration 0002 (DESIGN.md rule 5).

A signed note and an addendum still refuse UPDATE always, and DELETE unless a
`clinical_purgeauthorization` row names the note's client. Only `client_purge`
(clinical/purge.py) writes such a row, and it removes it again in the same transaction: outside
a purge, no row exists and the locks are as before. The SQL is kept by vendor as in 0002;
tests/dbprotection.py reads these lists (FORWARD / BACKWARD).
"""

from importlib import import_module

from craniocare.core.vendor_sql import vendor_sql
from django.db import migrations, models

previous = import_module("craniocare.clinical.migrations.0002_signed_notes_locked")

_AUTHORIZED = "EXISTS (SELECT 1 FROM clinical_purgeauthorization a WHERE a.client_id = {client})"
_NOTE_CLIENT = "(SELECT n.client_id FROM clinical_sessionnote n WHERE n.id = OLD.note_id)"

POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION clinical_sessionnote_signed_locked() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.signed_at IS NOT NULL THEN
            IF TG_OP = 'DELETE' AND {_AUTHORIZED.format(client="OLD.client_id")} THEN
                RETURN OLD;
            END IF;
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
    f"""
    CREATE OR REPLACE FUNCTION clinical_addendum_insert_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND {_AUTHORIZED.format(client=_NOTE_CLIENT)} THEN
            RETURN OLD;
        END IF;
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
    f"""
    CREATE TRIGGER IF NOT EXISTS clinical_sessionnote_signed_no_delete
    BEFORE DELETE ON clinical_sessionnote
    FOR EACH ROW WHEN OLD.signed_at IS NOT NULL
        AND NOT {_AUTHORIZED.format(client="OLD.client_id")}
    BEGIN SELECT RAISE(ABORT, 'signed_note_locked'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS clinical_addendum_no_update
    BEFORE UPDATE ON clinical_addendum
    BEGIN SELECT RAISE(ABORT, 'addendum_insert_only'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS clinical_addendum_no_delete
    BEFORE DELETE ON clinical_addendum
    FOR EACH ROW WHEN NOT {_AUTHORIZED.format(client=_NOTE_CLIENT)}
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
    dependencies = [("clinical", "0002_signed_notes_locked")]

    operations = [
        migrations.CreateModel(
            name="PurgeAuthorization",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("client_id", models.BigIntegerField(unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
        # Replace 0002's triggers with these (and back).
        vendor_sql(
            {"postgresql": previous.POSTGRES_BACKWARD, "sqlite": previous.SQLITE_BACKWARD},
            {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD},
        ),
        vendor_sql(
            {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD},
            {"postgresql": previous.POSTGRES_FORWARD, "sqlite": previous.SQLITE_FORWARD},
        ),
    ]
