"""`manage.py backup`: one backup file of the database and media (craniocare/core/backups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from craniocare.core.backups import BackupError, backup_run, generate_key


class Command(BaseCommand):
    help = "Write one backup (database, media, manifest) into BACKUP_DIR and prune old ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dest", type=Path, help="Folder for the backup (BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="How many backups to keep (BACKUP_KEEP).")
        parser.add_argument(
            "--generate-key",
            action="store_true",
            help="Print a new key for BACKUP_ENCRYPTION_KEY and do nothing else.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate_key"]:
            self.stdout.write(generate_key())
            return
        try:
            result = backup_run(dest=options["dest"], keep=options["keep"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(f"Backup written: {result.path}")
        self.stdout.write(result.summary())
        if result.pruned:
            names = ", ".join(path.name for path in result.pruned)
            self.stdout.write(f"Removed {len(result.pruned)} older backups: {names}")
