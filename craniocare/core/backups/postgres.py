"""PostgreSQL: pg_dump (custom format) inside an exported snapshot, pg_restore, and scratch
databases for the restore drill. Connection settings come from Django's DATABASES."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections

from .errors import BackupError

TIMEOUT_SECONDS = 6 * 60 * 60


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found: install the PostgreSQL client tools "
            "(on Debian: apt-get install postgresql-client)."
        )
    return path


def _env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    for key, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if options.get(key):
            env[variable] = str(options[key])
    return env


def _run(args: list[str], settings_dict: dict[str, Any], what: str) -> None:
    result = subprocess.run(  # noqa: S603 (arguments are ours; no shell)
        args,
        env=_env(settings_dict),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        detail = "; ".join(message[-5:]) or f"exit status {result.returncode}"
        raise BackupError(f"{what} failed: {detail}")


def dump(settings_dict: dict[str, Any], target: Path, *, snapshot_id: str | None) -> None:
    """pg_dump in custom format, without owners or grants, so it restores under any role."""
    args = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    if snapshot_id:
        args.append(f"--snapshot={snapshot_id}")
    args += [f"--file={target}", "--dbname", str(settings_dict["NAME"])]
    _run(args, settings_dict, "pg_dump")


def restore(settings_dict: dict[str, Any], dump_file: Path) -> None:
    args = [
        _tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--dbname",
        str(settings_dict["NAME"]),
        str(dump_file),
    ]
    _run(args, settings_dict, "pg_restore")


def table_names(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return list(connection.introspection.table_names(cursor))


def export_snapshot(alias: str) -> str:
    """Start a read-only repeatable-read transaction on `alias` (already inside atomic()) and
    export its snapshot, so that pg_dump and the manifest see the same data."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        row = cursor.fetchone()
    assert row is not None
    return str(row[0])


def scratch_name(base: str) -> str:
    return f"{base[:40]}_drill_{secrets.token_hex(4)}"


def create_database(name: str) -> None:
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")


def drop_database(name: str) -> None:
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")
