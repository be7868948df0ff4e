"""/healthz for monitoring: is the database reachable, is a worker alive, is mail flowing, is
there a recent backup. JSON with numbers and ages only (no names, addresses or subjects); 503
when any check fails, so an uptime monitor needs no parsing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from craniocare.core.backups import last_backup_at

from .selectors import backlog, last_heartbeat

Check = dict[str, Any]


def _age(moment: datetime | None, now: datetime) -> int | None:
    return None if moment is None else max(int((now - moment).total_seconds()), 0)


def database_check(now: datetime) -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def worker_check(now: datetime) -> Check:
    age = _age(last_heartbeat(), now)
    return {
        "ok": age is not None and age <= settings.HEALTH_WORKER_MAX_AGE_SECONDS,
        "heartbeat_age_seconds": age,
    }


def outbox_check(now: datetime) -> Check:
    waiting = backlog()
    oldest = _age(waiting.oldest_queued_at, now)
    return {
        "ok": waiting.failed == 0
        and (oldest is None or oldest <= settings.HEALTH_OUTBOX_MAX_AGE_SECONDS),
        "queued": waiting.queued,
        "failed": waiting.failed,
        "oldest_queued_age_seconds": oldest,
    }


def backup_check(now: datetime) -> Check:
    age = _age(last_backup_at(), now)
    return {
        "ok": age is not None and age <= settings.HEALTH_BACKUP_MAX_AGE_HOURS * 3600,
        "last_backup_age_seconds": age,
    }


CHECKS: tuple[tuple[str, Callable[[datetime], Check]], ...] = (
    ("database", database_check),
    ("worker", worker_check),
    ("outbox", outbox_check),
    ("backup", backup_check),
)


def health_report(now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    checks: dict[str, Check] = {}
    for name, check in CHECKS:
        try:
            checks[name] = check(now)
        except DatabaseError as error:
            # Every check reads the database: when it is gone, say so once and stop.
            checks[name] = {"ok": False, "error": type(error).__name__}
            break
    healthy = len(checks) == len(CHECKS) and all(c["ok"] for c in checks.values())
    return {"status": "ok" if healthy else "fail", "checked_at": now.isoformat(), "checks": checks}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
