"""/healthz: JSON for monitoring, 200 when the database answers, a worker is alive, mail flows
and a backup is recent; 503 with the failing check otherwise; never a name or an address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from craniocare.core.models import BackupRecord
from craniocare.outbox.models import Message
from craniocare.outbox.services import outbox_enqueue
from craniocare.outbox.tasks import heartbeat

pytestmark = pytest.mark.django_db


def record_backup(at):
    BackupRecord.objects.create(kind=BackupRecord.Kind.BACKUP, created_at=at, ok=True)


@pytest.fixture
def healthy(settings):
    heartbeat()
    record_backup(timezone.now() - timedelta(hours=3))


def queue(due_in: timedelta = timedelta(0)) -> Message:
    with transaction.atomic():
        message = outbox_enqueue(
            EmailMultiAlternatives("Booked: Monday", "See you.", to=["alice@example.com"]),
            kind="booking_created",
            due_at=timezone.now() + due_in,
        )
    assert message is not None
    return message


def test_it_answers_ok_with_ages_and_counts(client, healthy):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert checks["database"] == {"ok": True}
    assert checks["worker"]["ok"] and checks["worker"]["heartbeat_age_seconds"] < 60
    assert checks["outbox"] == {
        "ok": True,
        "queued": 0,
        "failed": 0,
        "oldest_queued_age_seconds": None,
    }
    assert 3 * 3600 <= checks["backup"]["last_backup_age_seconds"] < 4 * 3600
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_it_fails_without_a_live_worker(client, settings):
    record_backup(timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "heartbeat_age_seconds": None}


def test_it_fails_when_the_heartbeat_is_old(client, healthy, settings, time_machine):
    time_machine.move_to(
        timezone.now() + timedelta(seconds=settings.HEALTH_WORKER_MAX_AGE_SECONDS + 5)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["ok"] is False


def test_it_fails_while_a_message_has_failed_and_names_nobody(client, healthy):
    message = queue()
    Message.objects.filter(pk=message.pk).update(status=Message.Status.FAILED)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["outbox"]["failed"] == 1
    text = response.content.decode()
    assert "alice" not in text and "Booked" not in text


def test_it_fails_when_due_mail_has_waited_too_long(client, healthy, settings):
    queue(due_in=-timedelta(seconds=settings.HEALTH_OUTBOX_MAX_AGE_SECONDS + 60))
    queue(due_in=timedelta(hours=40))  # a reminder for later is not a backlog
    response = client.get("/healthz")
    assert response.status_code == 503
    outbox = response.json()["checks"]["outbox"]
    assert outbox["queued"] == 1
    assert outbox["oldest_queued_age_seconds"] >= settings.HEALTH_OUTBOX_MAX_AGE_SECONDS


def test_it_fails_without_a_recent_backup(client, settings):
    heartbeat()
    record_backup(timezone.now() - timedelta(hours=settings.HEALTH_BACKUP_MAX_AGE_HOURS + 1))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["backup"]["ok"] is False


def test_it_fails_when_the_database_does_not_answer(client, healthy):
    def refuse(execute, sql, params, many, context):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(refuse):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": {"ok": False, "error": "OperationalError"}}
