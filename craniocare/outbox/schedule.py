"""Periodic jobs the worker's sweep runs: higher apps register theirs from AppConfig.ready()
(reminders due, waitlist offers expired), so the outbox never imports them. Each job must be
safe to run twice at once (two workers): claim rows with conditional updates.

`claim_run(name, every)` is for jobs that must run at most once per period across all workers
(the nightly backup, housekeeping): the first worker to move `next_run_at` on wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import PeriodicRun


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[], object]


_jobs: dict[str, PeriodicJob] = {}


def register_periodic(name: str, run: Callable[[], object]) -> None:
    _jobs[name] = PeriodicJob(name, run)


def periodic_jobs() -> list[PeriodicJob]:
    return list(_jobs.values())


def claim_run(name: str, every: timedelta, *, now: datetime | None = None) -> bool:
    """True for exactly one caller per period: that caller runs the job now."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(name=name, next_run_at=now + every, last_run_at=now)
        return True
    except IntegrityError:
        pass
    claimed = PeriodicRun.objects.filter(name=name, next_run_at__lte=now).update(
        next_run_at=now + every, last_run_at=now
    )
    return claimed == 1
