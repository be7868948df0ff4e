"""Migrating a fresh SQLite database from nothing leaves every protective trigger in place.

The tests put missing triggers back before each test (tests/dbprotection.py), so a migration that
loses them (SQLite rebuilds a table to add a NOT NULL column, dropping its triggers) would go
unseen there: this test migrates a new file in a real process and reads sqlite_master."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTECTION = {
    "audit_auditevent_no_delete",
    "audit_auditevent_no_update",
    "bookings_booking_no_overlap_insert",
    "bookings_booking_no_overlap_update",
    "clinical_addendum_no_delete",
    "clinical_addendum_no_update",
    "clinical_sessionnote_signed_no_delete",
    "clinical_sessionnote_signed_no_update",
    "intake_consentdocument_fixed_no_update",
}


def test_a_fresh_sqlite_database_has_every_protective_trigger(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    env = {**os.environ, "DATABASE_URL": "", "CRANIOCARE_SQLITE_PATH": str(database)}
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(database) as connection:
        triggers = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            )
        }
    assert triggers >= PROTECTION, f"missing: {sorted(PROTECTION - triggers)}"
