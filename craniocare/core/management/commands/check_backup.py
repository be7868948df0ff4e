"""`manage.py check_backup [FILE]`: the restore drill, into a scratch database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from craniocare.core.backups import BackupError, drill


class Command(BaseCommand):
    help = (
        "Restore drill: restore a backup (the newest in BACKUP_DIR) into a scratch database, "
        "compare row counts and checksums with its manifest, record the result."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, nargs="?", help="The backup file (the newest).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = drill(options["file"])
        except BackupError as error:
            raise CommandError(f"Restore drill failed: {error}") from None
        for line in result.report():
            self.stdout.write(line)
        if not result.ok:
            raise CommandError("Restore drill failed: the backup does not match its manifest.")
