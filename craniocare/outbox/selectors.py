"""Reads of the outbox: what the office's Outbox screen lists and what /healthz reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from .models import Message, WorkerHeartbeat

# The Outbox screen's lists: (value, label, statuses).
VIEWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("waiting", "Waiting", (Message.Status.QUEUED, Message.Status.SENDING)),
    ("failed", "Failed", (Message.Status.FAILED,)),
    ("sent", "Sent", (Message.Status.SENT,)),
    ("cancelled", "Cancelled", (Message.Status.CANCELLED,)),
)
RECENT_SENT = timedelta(days=14)


def messages_in(view: str, *, now: datetime | None = None) -> QuerySet[Message]:
    statuses = {value: group for value, _, group in VIEWS}[view]
    messages = Message.objects.filter(status__in=statuses).defer("payload")
    if view == "sent":
        now = now or timezone.now()
        messages = messages.filter(sent_at__gte=now - RECENT_SENT).order_by("-sent_at", "-pk")
    elif view == "waiting":
        messages = messages.order_by("due_at", "pk")
    return messages


def counts_by_view(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    by_status = dict(
        Message.objects.exclude(status=Message.Status.SENT)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts = {
        value: sum(by_status.get(status, 0) for status in statuses)
        for value, _, statuses in VIEWS
        if value != "sent"
    }
    counts["sent"] = Message.objects.filter(
        status=Message.Status.SENT, sent_at__gte=now - RECENT_SENT
    ).count()
    return counts


def failed_count() -> int:
    return Message.objects.filter(status=Message.Status.FAILED).count()


@dataclass(frozen=True)
class Backlog:
    queued: int
    failed: int
    oldest_queued_at: datetime | None


def backlog() -> Backlog:
    """Messages waiting to go out (due now or overdue) and failed ones, with the oldest due."""
    now = timezone.now()
    waiting = Message.objects.waiting().filter(due_at__lte=now)
    row = waiting.aggregate(n=Count("pk"), oldest=Min("due_at"))
    return Backlog(queued=row["n"], failed=failed_count(), oldest_queued_at=row["oldest"])


def last_heartbeat() -> datetime | None:
    newest = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True)
    return newest.first()
