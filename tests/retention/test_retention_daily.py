"""The worker's daily retention run (clinical/retention_job.py): once per day across workers,
as one of the sweep's periodic jobs; it removes what `purge_expired` would and emails the
practitioners a report that names clients by number only. And the audit chain, which cannot
be rewritten, never holds a client's name: their own actions are "the client"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.audit.models import AuditEvent
from craniocare.clients.models import Client
from craniocare.outbox.models import Message
from craniocare.outbox.schedule import periodic_jobs
from tests.clinical.helpers import session, signed_note
from tests.outbox_helpers import deliver_now
from tests.portal.records import signed_in

pytestmark = pytest.mark.django_db


def run_the_daily_job() -> object:
    """What the worker's sweep calls (outbox/tasks.py), through the same registry."""
    [job] = [job for job in periodic_jobs() if job.name == "retention"]
    return job.run()


def test_the_retention_run_is_one_of_the_workers_periodic_jobs():
    assert "retention" in {job.name for job in periodic_jobs()}


def test_it_purges_once_a_day_and_reports_to_the_practitioners(
    serena, alice_client, session60, settings, mailoutbox
):
    signed_note(session(serena, alice_client, session60, days_ago=1), serena)
    settings.RETENTION_YEARS = 0
    assert run_the_daily_job() == "removed 1"
    assert not Client.objects.filter(pk=alice_client.pk).exists()
    [report] = Message.objects.filter(kind="retention_report")
    assert report.recipients == [serena.email]
    deliver_now()
    [email] = [m for m in mailoutbox if "retention" in m.subject]
    assert f"Client #{alice_client.pk}: 0 addenda, 1 session notes" in email.body
    assert "Alice" not in email.body and "alice@" not in email.body
    # A second sweep the same day does not run it again (and there is nothing left to report).
    assert run_the_daily_job() == "not due"
    assert Message.objects.filter(kind="retention_report").count() == 1


def test_it_does_nothing_when_switched_off(serena, alice_client, session60, settings):
    session(serena, alice_client, session60, days_ago=1)
    settings.RETENTION_YEARS = 0
    settings.RETENTION_PURGE_DAILY = False
    assert run_the_daily_job() == "off"
    assert Client.objects.filter(pk=alice_client.pk).exists()
    assert not Message.objects.filter(kind="retention_report").exists()


def test_a_clients_own_actions_are_labelled_without_their_name(alice, alice_client, settings):
    signed_in(alice).get(reverse("portal:record_json"))
    event = AuditEvent.objects.filter(client=alice_client).order_by("-seq").first()
    assert event.actor_id == alice.pk
    assert event.actor_label == "the client"
    settings.RETENTION_YEARS = 0
    run_the_daily_job()
    assert not Client.objects.filter(pk=alice_client.pk).exists()
    for label, detail in AuditEvent.objects.values_list("actor_label", "detail"):
        assert "Alice" not in label + detail and "alice@" not in label + detail
