"""Routine jobs of the worker: keeping the queue tables small (finished task results, one per
sweep, and messages that went out or were cancelled long ago: their bodies hold people's
details), and the nightly backup with its restore drill. Each runs at most once per period
across all workers (schedule.claim_run)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from craniocare.core.backups import backup_run, drill, last_backup_at

from .models import Message
from .schedule import claim_run

logger = logging.getLogger("craniocare.outbox")

HOUSEKEEPING_EVERY = timedelta(hours=1)


def housekeeping(*, force: bool = False) -> int:
    """Returns how many old messages were removed (0 when it was not time yet)."""
    if not force and not claim_run("housekeeping", HOUSEKEEPING_EVERY):
        return 0
    if settings.TASKS_BACKEND == "db":
        call_command("prune_db_task_results", min_age_days=1, verbosity=0)
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    _, removed = Message.objects.filter(
        status__in=[Message.Status.SENT, Message.Status.CANCELLED], created_at__lt=cutoff
    ).delete()
    return removed.get(Message._meta.label, 0)


def nightly_backup() -> str:
    """A backup and its restore drill once every BACKUP_EVERY_HOURS (0: never, e.g. when the
    host takes backups itself). Returns what it did, for the sweep's result."""
    hours = settings.BACKUP_EVERY_HOURS
    if hours <= 0:
        return "off"
    last = last_backup_at()
    every = timedelta(hours=hours)
    if last is not None and timezone.now() - last < every:
        return "not due"
    # Claimed for an hour: long enough for the backup; a failed one is tried again after it.
    if not claim_run("backup", min(every, timedelta(hours=1))):
        return "taken"
    result = backup_run()
    check = drill(result.path)
    logger.info(
        "Backup %s written; restore drill %s.", result.path.name, "ok" if check.ok else "FAILED"
    )
    return "written"
