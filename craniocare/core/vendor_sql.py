"""Migrations that run hand-written SQL per database vendor (protective triggers, exclusion
constraints): the statements live in the migration as lists by vendor, which tests also read
(tests/dbprotection.py); this runs them. A vendor without a list runs nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import migrations

Statements = dict[str, list[str]]


def run_statements(statements_by_vendor: Statements) -> Callable[[Any, Any], None]:
    """A RunPython function executing the statements for the migrating database's vendor."""

    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def vendor_sql(forward: Statements, backward: Statements) -> migrations.RunPython:
    """The migration operation: `forward` when migrating, `backward` when unapplying."""
    return migrations.RunPython(run_statements(forward), run_statements(backward))
