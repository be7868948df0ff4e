"""The background tasks (django-tasks): they run on whichever backend TASKS names: the database
queue by default (`manage.py worker`), Redis Queue workers when TASKS_BACKEND=rq."""

from __future__ import annotations

import logging

from django.db import close_old_connections
from django.utils import timezone
from django_tasks import task

from .delivery import deliver_due, worker_name
from .models import WorkerHeartbeat
from .schedule import periodic_jobs

logger = logging.getLogger("craniocare.outbox")


@task()
def deliver_outbox() -> int:
    """Send what is due now; queued after every transaction that wrote outbox rows."""
    return deliver_due().sent


@task()
def sweep() -> dict[str, object]:
    """The worker's regular round: heartbeat, due messages (retries, scheduled ones, any whose
    nudge was lost), then every registered periodic job. One failing job never stops the rest."""
    close_old_connections()
    heartbeat()
    results: dict[str, object] = {"sent": deliver_due().sent}
    for job in periodic_jobs():
        try:
            results[job.name] = job.run()
        except Exception:
            logger.exception("Periodic job %s failed.", job.name)
            results[job.name] = "error"
    return {name: str(value) for name, value in results.items()}


def heartbeat() -> None:
    from django.conf import settings

    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker=worker_name(),
        defaults={"seen_at": now, "backend": settings.TASKS_BACKEND},
        create_defaults={"seen_at": now, "started_at": now, "backend": settings.TASKS_BACKEND},
    )
