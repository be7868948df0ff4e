"""`manage.py verify_audit`: walk the audit chain and report the first break (a deleted or a
changed event), exiting with status 1; "OK" and the number of events otherwise."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from craniocare.audit.selectors import verify_chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chain; report the first deleted or changed event."

    def handle(self, *args: Any, **options: Any) -> None:
        count, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event #{broken.seq} (id {broken.event_id}, {broken.at}): "
                f"{broken.problem}. {count} event(s) before it are intact.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(f"OK: {count} audit event(s), the chain is intact."))
