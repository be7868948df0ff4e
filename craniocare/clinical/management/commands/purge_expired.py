"""`manage.py purge_expired [--dry-run]`: remove the client records whose retention period
ended (clinical/purge.py), and say what was removed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from craniocare.clinical.purge import purge_expired, retention_years


class Command(BaseCommand):
    help = "Remove client records whose retention period ended (RETENTION_YEARS)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be removed; remove nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        removed = purge_expired(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        for item in removed:
            self.stdout.write(f"{verb} client #{item.client_id}: {item.summary()}.")
        self.stdout.write(
            f"{verb} {len(removed)} record(s) past the {retention_years()}-year retention period."
        )
