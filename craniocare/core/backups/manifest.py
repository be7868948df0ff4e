"""What a backup holds, described so that a restore can be verified: the schema (latest applied
migration per app), and per table a row count and a checksum.

A table's checksum is sha256 over its rows in primary-key order, each row its column values in a
canonical form (UTC instants, exact decimals, hex bytes, sorted JSON) so that the same data gives
the same checksum on SQLite and on PostgreSQL. Rows are read through the ORM, on the connection
alias given, so that each vendor's values are converted the same way.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.db import connections, models
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.functions import Collate
from django.utils import timezone

FORMAT = 1


def canonical(value: Any) -> Any:
    """A JSON-serialisable form of a column value that does not depend on the vendor."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    return str(value)


def backed_up_models() -> list[type[models.Model]]:
    """One model per table: every installed model's table, and django_migrations."""
    seen: dict[str, type[models.Model]] = {}
    candidates: list[type[models.Model]] = list(apps.get_models(include_auto_created=True))
    candidates.append(MigrationRecorder.Migration)
    for model in candidates:
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen[meta.db_table] = model
    return [seen[table] for table in sorted(seen)]


def _ordering(model: type[models.Model], vendor: str) -> Any:
    pk = model._meta.pk
    assert pk is not None
    if isinstance(pk, models.CharField | models.TextField):
        # Byte order on both vendors, not the database's locale.
        return Collate(pk.attname, "C" if vendor == "postgresql" else "BINARY")
    return pk.attname


def table_digest(model: type[models.Model], alias: str, columns: Iterable[str]) -> tuple[int, str]:
    vendor = connections[alias].vendor
    wanted = set(columns)
    fields = [f for f in model._meta.local_concrete_fields if f.column in wanted]
    digest = hashlib.sha256()
    count = 0
    rows = (
        model._base_manager.using(alias)
        .order_by(_ordering(model, vendor))
        .values_list(*[f.attname for f in fields])
        .iterator(chunk_size=2000)
    )
    for row in rows:
        line = json.dumps([canonical(v) for v in row], ensure_ascii=False, separators=(",", ":"))
        digest.update(line.encode("utf-8") + b"\n")
        count += 1
    return count, digest.hexdigest()


def describe_tables(alias: str) -> dict[str, dict[str, Any]]:
    """{table: {"columns": [...], "rows": n, "sha256": hex}} for each backed-up table present."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        tables: dict[str, dict[str, Any]] = {}
        for model in backed_up_models():
            table = model._meta.db_table
            if table not in present:
                continue
            existing = {
                c.name for c in connection.introspection.get_table_description(cursor, table)
            }
            columns = [f.column for f in model._meta.local_concrete_fields if f.column in existing]
            count, checksum = table_digest(model, alias, columns)
            tables[table] = {"columns": columns, "rows": count, "sha256": checksum}
    return tables


def schema(alias: str) -> dict[str, str]:
    """The latest applied migration of each app (by name order, as Django numbers them)."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        if app not in latest or name > latest[app]:
            latest[app] = name
    return dict(sorted(latest.items()))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def describe_media(root: Path) -> dict[str, dict[str, Any]]:
    """{relative posix path: {"size": bytes, "sha256": hex}} for every file under root."""
    if not root.is_dir():
        return {}
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            relative = path.relative_to(root).as_posix()
            files[relative] = {"size": path.stat().st_size, "sha256": file_sha256(path)}
    return files


def build_manifest(alias: str, *, database_file: str, media: dict[str, Any]) -> dict[str, Any]:
    connection = connections[alias]
    return {
        "format": FORMAT,
        "created_at": timezone.now().astimezone(dt.UTC).isoformat(),
        "django": django.get_version(),
        "vendor": connection.vendor,
        "database_file": database_file,
        "schema": schema(alias),
        "tables": describe_tables(alias),
        "media": media,
    }


@dataclass(frozen=True)
class Comparison:
    differences: list[str]
    tables: int
    rows: int
    media_files: int

    @property
    def ok(self) -> bool:
        return not self.differences


def compare(
    expected: dict[str, Any], tables: dict[str, Any], media: dict[str, Any] | None
) -> Comparison:
    """What differs between a manifest and the tables (and media) found after a restore."""
    differences: list[str] = []
    wanted = expected.get("tables", {})
    for table in sorted(set(wanted) | set(tables)):
        want, got = wanted.get(table), tables.get(table)
        if want is None:
            differences.append(f"table {table}: not in the backup's manifest")
        elif got is None:
            differences.append(f"table {table}: missing after the restore")
        elif want["columns"] != got["columns"]:
            differences.append(f"table {table}: columns differ (the code's schema has changed)")
        elif want["rows"] != got["rows"]:
            differences.append(f"table {table}: {want['rows']} rows expected, {got['rows']} found")
        elif want["sha256"] != got["sha256"]:
            differences.append(f"table {table}: same row count, different content (checksum)")
    if media is not None:
        wanted_media = expected.get("media", {})
        for name in sorted(set(wanted_media) | set(media)):
            if name not in media:
                differences.append(f"media {name}: missing after the restore")
            elif name not in wanted_media:
                differences.append(f"media {name}: not in the backup's manifest")
            elif wanted_media[name]["sha256"] != media[name]["sha256"]:
                differences.append(f"media {name}: content differs (checksum)")
    return Comparison(
        differences=differences,
        tables=len(tables),
        rows=sum(t["rows"] for t in tables.values()),
        media_files=len(media or {}),
    )
