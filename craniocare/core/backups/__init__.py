"""Backups of the whole database and the media folder, their restore and the restore drill.

- `backup_run()` writes one backup file (a tar archive, encrypted when BACKUP_ENCRYPTION_KEY is
  set) into BACKUP_DIR and keeps the newest BACKUP_KEEP: `manage.py backup`, the nightly job.
- `restore_backup(path)` restores into the configured, empty database: `manage.py restore`.
- `drill(path)` restores into a scratch database and compares it with the backup's manifest:
  `manage.py check_backup`.
- `last_backup_at()` and `last_drill()` read the records for /healthz.

Files: manifest.py (counts and checksums), sqlite.py and postgres.py (the copies), crypto.py
(chunked AES-GCM), archive.py (the tar), jobs.py (the steps above).
"""

from __future__ import annotations

from craniocare.core.selectors import last_backup_at, last_drill

from .crypto import generate_key
from .errors import BackupError
from .jobs import BackupResult, CheckResult, backup_run, drill, newest_backup, restore_backup

__all__ = [
    "BackupError",
    "BackupResult",
    "CheckResult",
    "backup_run",
    "drill",
    "generate_key",
    "last_backup_at",
    "last_drill",
    "newest_backup",
    "restore_backup",
]
