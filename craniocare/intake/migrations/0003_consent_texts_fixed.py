"""A published consent text never changes at the database either (DESIGN.md rule 5): an UPDATE
that would change a ConsentDocument row's kind, version, title, body or text_hash is refused,
whoever sends it (the application, a shell, a hand-written statement). Consents point at the row
as "the exact text signed", so changing it would change what every signer agreed to.

Other columns may still change (a deleted staff member's `published_by` becomes NULL). DELETE is
left to the database's own rule: a version that anyone signed is kept by the consents' PROTECT
foreign key, and a test run's flush on SQLite deletes rows.

PostgreSQL: a trigger function raising restrict_violation (Django's IntegrityError). SQLite: a
BEFORE UPDATE OF trigger with RAISE(ABORT) (also an IntegrityError). The SQL is kept by vendor
as in craniocare/audit/migrations/0002_append_only.py.
"""

from django.db import migrations

from craniocare.core.vendor_sql import vendor_sql

_CHANGED = " OR ".join(
    f"NEW.{column} IS DISTINCT FROM OLD.{column}"
    for column in ("kind", "version", "title", "body", "text_hash")
)

POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION intake_consentdocument_fixed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF {_CHANGED} THEN
            RAISE EXCEPTION 'consent_text_fixed' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER intake_consentdocument_fixed
    BEFORE UPDATE ON intake_consentdocument
    FOR EACH ROW EXECUTE FUNCTION intake_consentdocument_fixed()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS intake_consentdocument_fixed ON intake_consentdocument",
    "DROP FUNCTION IF EXISTS intake_consentdocument_fixed()",
]

SQLITE_FORWARD = [
    # SQLite spells IS DISTINCT FROM as IS NOT (NULL-safe in both).
    f"""
    CREATE TRIGGER IF NOT EXISTS intake_consentdocument_fixed_no_update
    BEFORE UPDATE OF kind, version, title, body, text_hash ON intake_consentdocument
    FOR EACH ROW WHEN {_CHANGED.replace("IS DISTINCT FROM", "IS NOT")}
    BEGIN SELECT RAISE(ABORT, 'consent_text_fixed'); END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS intake_consentdocument_fixed_no_update",
]


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_default_form_and_consents")]

    operations = [
        vendor_sql(
            {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD},
            {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD},
        ),
    ]
