"""The worker's daily retention run: `purge_expired` once a day across all workers
(outbox/schedule.claim_run), when the install leaves it on (`RETENTION_PURGE_DAILY`, on by
default: keeping a record past its legal period is itself a breach). What it removed is
reported to the practitioners by email through the outbox, by client number and dates only,
and each removal has its own "purge" audit event (clinical/purge.py)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from craniocare.accounts.models import Role, User
from craniocare.core.models import PracticeProfile
from craniocare.outbox.schedule import claim_run
from craniocare.outbox.services import outbox_enqueue

from .purge import Removed, purge_expired, retention_years

logger = logging.getLogger("craniocare.clinical")

RETENTION_EVERY = timedelta(days=1)
REPORT_KIND = "retention_report"


def retention_daily() -> str:
    """The periodic job: returns what it did, for the sweep's result."""
    if not settings.RETENTION_PURGE_DAILY:
        return "off"
    if not claim_run("retention", RETENTION_EVERY):
        return "not due"
    removed = purge_expired()
    if removed:
        logger.info("Retention run removed %d record(s) past retention.", len(removed))
        with transaction.atomic():
            retention_report_enqueue(removed)
    return f"removed {len(removed)}"


def retention_report_enqueue(removed: list[Removed]) -> None:
    """One email to every active practitioner: which records went, with what they held."""
    practice = PracticeProfile.load()
    recipients = list(
        User.objects.filter(role=Role.PRACTITIONER, is_active=True)
        .order_by("pk")
        .values_list("email", flat=True)
    )
    day = timezone.localdate()
    body = render_to_string(
        "emails/retention_report.txt",
        {"practice": practice, "removed": removed, "years": retention_years(), "day": day},
    )
    subject = f"{len(removed)} record(s) removed at the end of their retention period"
    for address in recipients:
        outbox_enqueue(
            EmailMessage(subject=subject, body=body, to=[address]),
            kind=REPORT_KIND,
            key=f"retention-{day.isoformat()}-{address}",
        )
