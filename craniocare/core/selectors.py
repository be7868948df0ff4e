"""Reads of core's own records."""

from __future__ import annotations

from datetime import datetime

from .models import BackupRecord


def last_backup_at() -> datetime | None:
    """When the newest successful backup was written, or None if there is none."""
    record = BackupRecord.objects.filter(kind=BackupRecord.Kind.BACKUP, ok=True).first()
    return record.created_at if record else None


def last_drill() -> BackupRecord | None:
    """The newest restore drill, passed or failed."""
    return BackupRecord.objects.filter(kind=BackupRecord.Kind.DRILL).first()
