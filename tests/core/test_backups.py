"""Backups end to end, as a person runs them: `manage.py backup`, `restore` and `check_backup`
as real processes on real databases of the vendor this test run uses (SQLite files, or
PostgreSQL databases created and dropped here), seeded with the demo practice."""

from __future__ import annotations

import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = settings.DATABASES["default"]
VENDOR = "postgresql" if "postgresql" in DEFAULT["ENGINE"] else "sqlite"
SCAN = secrets.token_bytes(5000)  # a media file's bytes, to find again after a restore


def pg_admin() -> psycopg.Connection[Any]:
    return psycopg.connect(
        dbname="postgres",
        host=DEFAULT.get("HOST") or None,
        port=DEFAULT.get("PORT") or None,
        user=DEFAULT.get("USER") or None,
        password=DEFAULT.get("PASSWORD") or None,
        autocommit=True,
    )


def drill_databases(prefix: str) -> list[str]:
    with pg_admin() as admin:
        rows = admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}_drill_%"]
        ).fetchall()
    return [row[0] for row in rows]


class Databases:
    """Fresh, empty databases of this run's vendor; PostgreSQL ones are dropped at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.created: list[str] = []

    def new(self, label: str) -> dict[str, str]:
        if VENDOR == "sqlite":
            return {"DATABASE_URL": "", "CRANIOCARE_SQLITE_PATH": str(self.folder / f"{label}.db")}
        name = f"cc_backup_t{os.getpid()}_{label}_{secrets.token_hex(3)}"
        with pg_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        user = DEFAULT.get("USER") or "postgres"
        password = f":{DEFAULT['PASSWORD']}" if DEFAULT.get("PASSWORD") else ""
        host = DEFAULT.get("HOST") or "127.0.0.1"
        port = DEFAULT.get("PORT") or 5432
        return {"DATABASE_URL": f"postgres://{user}{password}@{host}:{port}/{name}"}

    def drop_all(self) -> None:
        with pg_admin() as admin:
            for name in self.created:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database: dict[str, str], media: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BACKUP_") and key not in ("DATABASE_URL", "CRANIOCARE_SQLITE_PATH")
    }
    env.update(database)
    env.update(
        {"CRANIOCARE_MEDIA_ROOT": str(media), "CRANIOCARE_TESTING": "1", "CRANIOCARE_TLS": "off"}
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def written(result: subprocess.CompletedProcess[str]) -> Path:
    line = next(line for line in ok(result).splitlines() if line.startswith("Backup written: "))
    return Path(line.removeprefix("Backup written: "))


def manifest_of(path: Path) -> dict[str, Any]:
    with tarfile.open(path) as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        return json.loads(member.read())


def describe(env: dict[str, str]) -> dict[str, Any]:
    """Counts and checksums of a database, as a separate process computes them."""
    code = (
        "import json; from craniocare.core.backups.manifest import describe_tables; "
        "print(json.dumps(describe_tables('default')))"
    )
    return json.loads(ok(manage(env, "shell", "-c", code)).strip().splitlines()[-1])


@dataclass
class Source:
    env: dict[str, str]
    backup: Path
    backup_stderr: str
    databases: Databases
    folder: Path


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Source]:
    """The demo practice in a fresh database, a media file, and one plain backup of them."""
    folder = tmp_path_factory.mktemp("backups")
    databases = Databases(folder)
    media = folder / "media"
    (media / "clients" / "scans").mkdir(parents=True)
    (media / "clients" / "scans" / "scan.bin").write_bytes(SCAN)
    env = environment(databases.new("source"), media, BACKUP_DIR=str(folder / "backups"))
    try:
        ok(manage(env, "migrate", "--noinput", "-v0"))
        ok(manage(env, "createcachetable"))
        ok(manage(env, "seed_demo"))
        result = manage(env, "backup")
        yield Source(env, written(result), result.stderr, databases, folder)
    finally:
        if VENDOR == "postgresql":
            databases.drop_all()


def test_it_restores_a_backup_into_an_empty_database_with_the_same_counts_and_checksums(
    source: Source, tmp_path: Path
) -> None:
    manifest = manifest_of(source.backup)
    target = environment(source.databases.new("restored"), tmp_path / "media")

    restored = manage(target, "restore", str(source.backup))

    assert "OK: every row count and checksum matches" in ok(restored)
    assert describe(target) == manifest["tables"]
    assert manifest["tables"]["clients_client"]["rows"] > 0
    assert manifest["tables"]["bookings_booking"]["rows"] > 0
    core_migrations = sorted((ROOT / "craniocare" / "core" / "migrations").glob("0*.py"))
    assert manifest["schema"]["core"] == core_migrations[-1].stem  # the newest applied
    # The manifest describes the source as it was: only the backup's own record came after.
    now = describe(source.env)
    assert {k: v for k, v in now.items() if k != "core_backuprecord"} == {
        k: v for k, v in manifest["tables"].items() if k != "core_backuprecord"
    }
    assert (tmp_path / "media" / "clients" / "scans" / "scan.bin").read_bytes() == SCAN


def test_it_refuses_to_restore_into_a_database_that_has_tables(
    source: Source, tmp_path: Path
) -> None:
    env = {**source.env, "CRANIOCARE_MEDIA_ROOT": str(tmp_path / "media")}

    refused = manage(env, "restore", str(source.backup))

    assert refused.returncode != 0
    assert "is restored only into an empty database" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_it_warns_when_a_backup_of_health_data_is_not_encrypted(source: Source) -> None:
    assert "this backup is not encrypted" in source.backup_stderr
    assert "--generate-key" in source.backup_stderr
    assert source.backup.name.endswith(".tar")


def test_the_drill_passes_on_a_good_backup_and_is_recorded(source: Source) -> None:
    drilled = manage(source.env, "check_backup")  # the newest in BACKUP_DIR

    assert "OK: every row count and checksum matches" in ok(drilled)
    assert source.backup.name in drilled.stdout
    code = (
        "from craniocare.core.backups import last_backup_at, last_drill; d = last_drill(); "
        "print(last_backup_at() is not None, d.ok, d.file_name)"
    )
    printed = ok(manage(source.env, "shell", "-c", code)).strip().splitlines()[-1]
    assert printed.split() == [
        "True",
        "True",
        source.backup.name,
    ]
    if VENDOR == "postgresql":
        assert drill_databases(source.databases.created[0]) == []


def rewrite(path: Path, target: Path, change: dict[str, Any]) -> None:
    """Copy the backup at `path` to `target`, replacing the members named in `change`."""
    with tarfile.open(path) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = change.get(member.name)
            if data is None:
                new.addfile(member, old.extractfile(member))
            else:
                member.size = len(data)
                new.addfile(member, io.BytesIO(data))


def test_the_drill_reports_a_backup_whose_manifest_was_changed(
    source: Source, tmp_path: Path
) -> None:
    manifest = manifest_of(source.backup)
    manifest["tables"]["clients_client"]["sha256"] = "0" * 64
    tampered = tmp_path / "tampered.tar"
    rewrite(source.backup, tampered, {"manifest.json": json.dumps(manifest).encode()})

    drilled = manage(source.env, "check_backup", str(tampered))

    assert drilled.returncode != 0
    assert "MISMATCH: 1 differences" in drilled.stdout
    assert "table clients_client: same row count, different content" in drilled.stdout
    assert "Traceback" not in drilled.stderr
    if VENDOR == "postgresql":
        assert drill_databases(source.databases.created[0]) == []


@pytest.mark.skipif(VENDOR != "sqlite", reason="edits the SQLite copy inside the backup")
def test_the_drill_reports_a_row_changed_in_the_database_copy(
    source: Source, tmp_path: Path
) -> None:
    with tarfile.open(source.backup) as tar:
        tar.extract("database/db.sqlite3", tmp_path, filter="data")
    copy = tmp_path / "database" / "db.sqlite3"
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE clients_client SET name = 'Someone Else' WHERE id = 1")
    connection.close()
    tampered = tmp_path / "tampered.tar"
    rewrite(source.backup, tampered, {"database/db.sqlite3": copy.read_bytes()})

    drilled = manage(source.env, "check_backup", str(tampered))

    assert drilled.returncode != 0
    assert "table clients_client: same row count, different content" in drilled.stdout


@pytest.mark.skipif(VENDOR != "postgresql", reason="needs the PostgreSQL source of this run")
def test_the_same_rows_have_the_same_checksums_on_postgresql_and_sqlite(
    source: Source, tmp_path: Path
) -> None:
    """The demo practice copied row for row from PostgreSQL into SQLite (YAML keeps every
    microsecond) has the same checksums: they do not depend on how a vendor returns values."""
    data = tmp_path / "data.yaml"
    ok(
        manage(
            source.env,
            "dumpdata",
            "--format",
            "yaml",
            "-e",
            "core.backuprecord",
            "-e",
            "django_rq",
            "-o",
            str(data),
        )
    )
    copy = environment(
        {"DATABASE_URL": "", "CRANIOCARE_SQLITE_PATH": str(tmp_path / "c.db")}, tmp_path
    )
    ok(manage(copy, "migrate", "--noinput", "-v0"))
    ok(manage(copy, "createcachetable"))
    load = (
        "from django.core.management import call_command; "
        "call_command('flush', interactive=False, inhibit_post_migrate=True); "
        f"call_command('loaddata', {str(data)!r})"
    )
    ok(manage(copy, "shell", "-c", load))

    on_postgresql, on_sqlite = describe(source.env), describe(copy)

    assert on_postgresql.keys() == on_sqlite.keys()
    differing = {table for table in on_sqlite if on_postgresql[table] != on_sqlite[table]}
    # Migrations were applied at other times; loading the practice profile moves the practice's
    # availability version (a signal); backup records were left out of the copy.
    assert differing <= {"django_migrations", "core_availabilityversion", "core_backuprecord"}
    for table in ("bookings_booking", "clients_client", "accounts_user", "blog_post"):
        assert on_sqlite[table]["rows"] > 0
        assert on_sqlite[table] == on_postgresql[table]


def test_an_encrypted_backup_round_trips_and_a_missing_or_wrong_key_is_a_clear_error(
    source: Source, tmp_path: Path
) -> None:
    key = ok(manage(source.env, "backup", "--generate-key")).strip()
    keyed = {**source.env, "BACKUP_ENCRYPTION_KEY": key, "BACKUP_DIR": str(tmp_path / "b")}

    made = manage(keyed, "backup")
    path = written(made)

    assert path.name.endswith(".tar.enc")
    assert "not encrypted" not in made.stderr
    data = path.read_bytes()
    assert b"manifest.json" not in data
    assert b"clients_client" not in data
    assert b"SQLite format 3" not in data
    assert "OK: every row count" in ok(manage(keyed, "check_backup"))
    target = environment(
        source.databases.new("decrypted"), tmp_path / "media", BACKUP_ENCRYPTION_KEY=key
    )
    assert "OK: every row count" in ok(manage(target, "restore", str(path)))

    other_key = ok(manage(source.env, "backup", "--generate-key")).strip()
    for env, message in [
        ({**keyed, "BACKUP_ENCRYPTION_KEY": ""}, "is encrypted: set BACKUP_ENCRYPTION_KEY"),
        ({**keyed, "BACKUP_ENCRYPTION_KEY": other_key}, "encrypted with a different key"),
        ({**keyed, "BACKUP_ENCRYPTION_KEY": "not a key"}, "is not a backup key"),
    ]:
        refused = manage(env, "check_backup", str(path))
        assert refused.returncode != 0
        assert message in refused.stderr
        assert "Traceback" not in refused.stderr


def test_it_keeps_the_newest_backups_and_deletes_older_ones(source: Source, tmp_path: Path) -> None:
    old = [tmp_path / f"craniocare-backup-2020010{day}T030000000000Z.tar" for day in (1, 2, 3)]
    for path in old:
        path.write_bytes(b"old")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("not a backup")

    made = manage(source.env, "backup", "--dest", str(tmp_path), "--keep", "2")

    new = written(made)
    assert sorted(tmp_path.iterdir()) == sorted([old[2], new, unrelated])
    assert "Removed 2 older backups" in made.stdout
