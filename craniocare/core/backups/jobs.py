"""Backup, restore and the restore drill: what the management commands and the worker call."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

# Whole-module imports, not `from . import ...`: that would import this package's __init__,
# which imports this module (tests/test_layers.py forbids the cycle).
import craniocare.core.backups.archive as archive
import craniocare.core.backups.crypto as crypto
import craniocare.core.backups.postgres as postgres
import craniocare.core.backups.sqlite as sqlite
from craniocare.core.models import BackupRecord
from craniocare.core.services import backup_record_create

from .aliases import sqlite_settings, temporary_alias
from .errors import BackupError
from .manifest import Comparison, build_manifest, compare, describe_media, describe_tables

log = logging.getLogger(__name__)

PREFIX = "craniocare-backup-"
PARTIAL = ".partial"
NO_KEY_WARNING = (
    "Warning: this backup is not encrypted, and the database holds health information. "
    "Set BACKUP_ENCRYPTION_KEY (make one with `manage.py backup --generate-key`) and keep the "
    "key somewhere safe, apart from the backups."
)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    encrypted: bool
    tables: int
    rows: int
    media_files: int
    pruned: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lock = "encrypted" if self.encrypted else "not encrypted"
        return (
            f"{self.tables} tables, {self.rows} rows, {self.media_files} media files; "
            f"{human_size(self.size)}, {lock}."
        )


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a restore or a drill: the backup's manifest against what was restored."""

    path: Path
    created_at: str
    comparison: Comparison

    @property
    def ok(self) -> bool:
        return self.comparison.ok

    def report(self) -> list[str]:
        c = self.comparison
        lines = [
            f"Backup {self.path.name}, made {self.created_at}.",
            f"Restored {c.tables} tables ({c.rows} rows) and {c.media_files} media files.",
        ]
        if c.ok:
            lines.append("OK: every row count and checksum matches the backup's manifest.")
        else:
            lines.append(f"MISMATCH: {len(c.differences)} differences from the manifest:")
            lines += [f"  - {difference}" for difference in c.differences]
        return lines


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def configured_key() -> bytes | None:
    text = getattr(settings, "BACKUP_ENCRYPTION_KEY", "") or ""
    return crypto.parse_key(text) if text.strip() else None


def backup_files(dest: Path) -> list[Path]:
    """The finished backups in `dest`, oldest first (their names sort by time)."""
    if not dest.is_dir():
        return []
    return sorted(
        path
        for path in dest.iterdir()
        if path.name.startswith(PREFIX) and not path.name.endswith(PARTIAL) and path.is_file()
    )


def newest_backup(dest: Path | None = None) -> Path | None:
    files = backup_files(Path(dest or settings.BACKUP_DIR))
    return files[-1] if files else None


def prune(dest: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `dest`; the deleted paths."""
    files = backup_files(dest)
    old = files[: max(len(files) - keep, 0)]
    for path in old:
        path.unlink(missing_ok=True)
    return old


def _record(**fields: Any) -> None:
    """Record a backup or drill; a database without core's tables only loses the record."""
    try:
        backup_record_create(**fields)
    except DatabaseError as error:
        log.warning("The backup record could not be saved: %s", error)


@contextmanager
def _workdir(parent: Path | None = None) -> Iterator[Path]:
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".work-", dir=parent) as name:
        yield Path(name)  # mode 0700: the plain database copy is readable by us only


def _snapshot(work: Path, media: dict[str, Any]) -> tuple[dict[str, Any], Path]:
    """A consistent copy of the database in `work` and the manifest describing that copy."""
    default = connections["default"]
    if default.vendor == "sqlite":
        copy = work / "db.sqlite3"
        sqlite.snapshot(Path(default.settings_dict["NAME"]), copy)
        with temporary_alias(sqlite_settings(str(copy))) as alias:
            return build_manifest(alias, database_file=copy.name, media=media), copy
    if default.vendor == "postgresql":
        copy = work / "postgres.dump"
        with temporary_alias(default.settings_dict) as alias, transaction.atomic(using=alias):
            snapshot_id = postgres.export_snapshot(alias)
            postgres.dump(default.settings_dict, copy, snapshot_id=snapshot_id)
            return build_manifest(alias, database_file=copy.name, media=media), copy
    raise BackupError(f"Backups of {default.vendor} databases are not supported.")


def backup_run(*, dest: Path | None = None, keep: int | None = None) -> BackupResult:
    """Write one backup file into `dest` (BACKUP_DIR) and keep the newest `keep` (BACKUP_KEEP)."""
    dest = Path(dest or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    if keep < 1:
        raise BackupError("--keep must be at least 1: the new backup is always kept.")
    key = configured_key()
    warnings = [] if key or not settings.DATABASE_HOLDS_HEALTH_DATA else [NO_KEY_WARNING]
    dest.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = timezone.now().astimezone(dt.UTC)
    name = f"{PREFIX}{now:%Y%m%dT%H%M%S%f}Z.tar" + (".enc" if key else "")
    target = dest / name
    partial = dest / (name + PARTIAL)
    media_root = Path(settings.MEDIA_ROOT)
    try:
        with _workdir(dest) as work:
            media = describe_media(media_root)
            manifest, copy = _snapshot(work, media)
            archive.write(partial, manifest=manifest, database=copy, media_root=media_root, key=key)
        os.replace(partial, target)
    except (BackupError, DatabaseError, OSError) as error:
        partial.unlink(missing_ok=True)
        _record(kind=BackupRecord.Kind.BACKUP, file_name=name, size=0, ok=False, detail=str(error))
        if isinstance(error, BackupError):
            raise
        raise BackupError(f"The backup failed: {error}") from error
    tables = manifest["tables"]
    result = BackupResult(
        path=target,
        size=target.stat().st_size,
        encrypted=key is not None,
        tables=len(tables),
        rows=sum(t["rows"] for t in tables.values()),
        media_files=len(media),
        warnings=warnings,
    )
    _record(
        kind=BackupRecord.Kind.BACKUP,
        file_name=name,
        size=result.size,
        ok=True,
        detail=result.summary(),
    )
    return replace(result, pruned=prune(dest, keep))


def _unpacked_vendor(manifest: dict[str, Any], path: Path) -> str:
    vendor = manifest.get("vendor")
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"{path.name} names an unknown database ({vendor!r}).")
    return str(vendor)


def restore_backup(path: Path) -> CheckResult:
    """Restore `path` into the configured database, which must be empty, and its media into
    MEDIA_ROOT, which must be empty too; then verify against the backup's manifest."""
    default = connections["default"]
    if default.vendor == "sqlite":
        present = sqlite.table_names(Path(default.settings_dict["NAME"]))
    else:
        present = postgres.table_names("default")
    if present:
        raise BackupError(
            f"The configured database already has {len(present)} tables. A backup is restored "
            "only into an empty database: create a new one, point DATABASE_URL (or "
            "CRANIOCARE_SQLITE_PATH) at it and run restore again."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(
            f"The media folder {media_root} is not empty. Restore into an empty media folder "
            "(CRANIOCARE_MEDIA_ROOT)."
        )
    with _workdir() as work:
        manifest, copy, media = archive.unpack(path, work, configured_key())
        vendor = _unpacked_vendor(manifest, path)
        if vendor != default.vendor:
            raise BackupError(
                f"{path.name} is a {vendor} backup; the configured database is {default.vendor}."
            )
        default.close()
        if vendor == "sqlite":
            sqlite.restore(copy, Path(default.settings_dict["NAME"]))
        else:
            postgres.restore(default.settings_dict, copy)
        media_root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(media, media_root, dirs_exist_ok=True)
    tables = describe_tables("default")
    comparison = compare(manifest, tables, describe_media(media_root))
    return CheckResult(path=path, created_at=manifest.get("created_at", "?"), comparison=comparison)


def _drill_tables(vendor: str, copy: Path, work: Path, path: Path) -> dict[str, Any]:
    if vendor == "sqlite":
        scratch = work / "drill.sqlite3"
        sqlite.restore(copy, scratch)
        with temporary_alias(sqlite_settings(str(scratch))) as alias:
            return describe_tables(alias)
    default = connections["default"]
    if default.vendor != "postgresql":
        raise BackupError(
            f"{path.name} is a PostgreSQL backup: run the drill with DATABASE_URL naming the "
            "PostgreSQL server (it restores into a scratch database there)."
        )
    name = postgres.scratch_name(str(default.settings_dict["NAME"]))
    postgres.create_database(name)
    try:
        scratch_settings = {**default.settings_dict, "NAME": name}
        postgres.restore(scratch_settings, copy)
        with temporary_alias(scratch_settings) as alias:
            return describe_tables(alias)
    finally:
        postgres.drop_database(name)


def drill(path: Path | None = None) -> CheckResult:
    """The restore drill: restore `path` (the newest backup) into a scratch database, compare
    it with the manifest, record the outcome and drop the scratch database."""
    if path is None:
        path = newest_backup()
        if path is None:
            raise BackupError(f"There is no backup in {settings.BACKUP_DIR} to check.")
    size = path.stat().st_size if path.is_file() else 0
    try:
        with _workdir() as work:
            manifest, copy, media = archive.unpack(path, work, configured_key())
            vendor = _unpacked_vendor(manifest, path)
            tables = _drill_tables(vendor, copy, work, path)
            comparison = compare(manifest, tables, describe_media(media))
    except (BackupError, DatabaseError, OSError) as error:
        _record(
            kind=BackupRecord.Kind.DRILL,
            file_name=path.name,
            size=size,
            ok=False,
            detail=str(error),
        )
        if isinstance(error, BackupError):
            raise
        raise BackupError(f"The restore drill failed: {error}") from error
    result = CheckResult(
        path=path, created_at=manifest.get("created_at", "?"), comparison=comparison
    )
    _record(
        kind=BackupRecord.Kind.DRILL,
        file_name=path.name,
        size=size,
        ok=result.ok,
        detail="\n".join(result.report()),
    )
    return result
