"""`manage.py verify_audit`: walk the audit chain and report the first break (a deleted or a
changed event), exiting with status 1; "OK", the number of events and the head of the chain
otherwise.

A chain cannot show that its newest events were cut off: nothing comes after them. Keep the head
this command prints somewhere else (a ticket, the backup log) and pass it next time with
``--head SEQ:HASH``: the command then also checks that this event is still there, unchanged."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from craniocare.audit.models import AuditEvent
from craniocare.audit.selectors import verify_chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chain; report the first deleted or changed event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--head",
            default="",
            help="SEQ:HASH printed by an earlier run: check that event is still in the chain.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event #{broken.seq} (id {broken.event_id}, {broken.at}): "
                f"{broken.problem}. {count} event(s) before it are intact.",
                returncode=1,
            )
        if options["head"]:
            self._check_head(options["head"])
        last = AuditEvent.objects.order_by("-seq").first()
        head = f" Head: {last.seq}:{last.hash}" if last else ""
        self.stdout.write(
            self.style.SUCCESS(f"OK: {count} audit event(s), the chain is intact.{head}")
        )

    def _check_head(self, head: str) -> None:
        seq, _, digest = head.partition(":")
        if not seq.isdigit() or len(digest) != 64:
            raise CommandError("--head takes SEQ:HASH as printed by an earlier run.", returncode=2)
        if not AuditEvent.objects.filter(seq=int(seq), hash=digest).exists():
            raise CommandError(
                f"Audit chain broken: event #{seq}, the head of an earlier check, is gone or "
                "changed: the newest events were removed.",
                returncode=1,
            )
