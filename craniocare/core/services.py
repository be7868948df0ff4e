"""Write paths of core: the practice's settings (the office's Settings screen), backup records."""

from __future__ import annotations

from typing import Any

from .models import BackupRecord, PracticeProfile


def practice_profile_update(*, profile: PracticeProfile, **fields: Any) -> PracticeProfile:
    """Change the practice's identity and policies (only the fields given)."""
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


def backup_record_create(
    *, kind: str, file_name: str, size: int, ok: bool, detail: str = ""
) -> BackupRecord:
    """Record a backup written or a restore drill run (craniocare/core/backups)."""
    record = BackupRecord(kind=kind, file_name=file_name, size=size, ok=ok, detail=detail[:10_000])
    record.full_clean()
    record.save()
    return record
