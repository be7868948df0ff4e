"""The database's protection of records (append-only audit events, locked signed notes,
insert-only addenda), switched off and on from tests.

The SQL is the migrations' own (craniocare/audit/migrations/0002_append_only.py,
craniocare/clinical/migrations/0003_purge_authorization.py), so the tests switch off exactly
what production has. Two uses:
- tamper tests: `unprotected("audit")` drops the triggers so a test can change or delete a row
  by raw SQL, as someone with database access could, and see verify_audit notice;
- test-database flushes: on SQLite a flush is `DELETE FROM` each table, which the triggers
  refuse, so tests/conftest.py drops them before a transactional test's flush and puts them back
  when the next test starts. (PostgreSQL flushes with TRUNCATE, which they leave alone.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Any

from django.db import connection

MIGRATIONS = {
    "audit": "craniocare.audit.migrations.0002_append_only",
    "clinical": "craniocare.clinical.migrations.0003_purge_authorization",
}


def _statements(apps: tuple[str, ...], direction: str) -> list[str]:
    vendor = {"postgresql": "POSTGRES", "sqlite": "SQLITE"}[connection.vendor]
    statements: list[str] = []
    for app in apps or tuple(MIGRATIONS):
        module: Any = import_module(MIGRATIONS[app])
        statements += getattr(module, f"{vendor}_{direction}")
    return statements


def protection_off(*apps: str) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(apps, "BACKWARD"):
            cursor.execute(statement)


def protection_on(*apps: str) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(apps, "FORWARD"):
            cursor.execute(statement)


def sqlite_protection_missing() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
            "(name LIKE 'audit_auditevent_%' OR name LIKE 'clinical_%')"
        )
        return cursor.fetchone()[0] < 6


@contextmanager
def unprotected(*apps: str) -> Iterator[None]:
    """The protection of `apps` (all when none given) off inside the block."""
    protection_off(*apps)
    try:
        yield
    finally:
        protection_on(*apps)
