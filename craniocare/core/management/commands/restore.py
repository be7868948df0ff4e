"""`manage.py restore FILE`: restore a backup into the configured, empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from craniocare.core.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup file into the configured database (which must have no tables) and "
        "its media into MEDIA_ROOT, then verify row counts and checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore_backup(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        for line in result.report():
            self.stdout.write(line)
        if not result.ok:
            raise CommandError("The restored data does not match the backup's manifest.")
