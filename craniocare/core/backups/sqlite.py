"""SQLite: a consistent copy with the online backup API, and the restore of such a copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import BackupError


def snapshot(source: Path, target: Path) -> None:
    """Copy the database at `source` into a new file `target`, consistently while the site
    writes: the backup API copies every page in one step, inside one read transaction."""
    if not source.exists():
        raise BackupError(f"The SQLite database {source} does not exist.")
    src = sqlite3.connect(source, timeout=20)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # pages=-1: all pages in one step, one snapshot
            # A self-contained file: no -wal beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def table_names(path: Path) -> list[str]:
    if not path.exists():
        return []
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        connection.close()
    return [row[0] for row in rows]


def restore(copy: Path, target: Path) -> None:
    """Write the pages of the backed-up copy into the (empty) database file `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")  # the project's setting for a live database
        finally:
            dst.close()
    finally:
        src.close()
