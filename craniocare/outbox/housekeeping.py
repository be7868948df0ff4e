"""Keeping the queue tables small: finished task results (one per sweep, every few seconds) and
messages that went out or were cancelled long ago (their bodies hold people's details) are
removed. Runs from the sweep, at most once an hour per worker."""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from .models import Message

EVERY_SECONDS = 3600
_last_run = 0.0


def housekeeping(*, force: bool = False) -> int:
    """Returns how many messages were removed (0 when it was not time yet)."""
    global _last_run
    if not force and time.monotonic() - _last_run < EVERY_SECONDS:
        return 0
    _last_run = time.monotonic()
    if settings.TASKS_BACKEND == "db":
        call_command("prune_db_task_results", min_age_days=1, verbosity=0)
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    _, removed = Message.objects.filter(
        status__in=[Message.Status.SENT, Message.Status.CANCELLED], created_at__lt=cutoff
    ).delete()
    return removed.get(Message._meta.label, 0)
