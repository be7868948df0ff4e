"""The client's "Who opened your record" page: only their own audit events, who in words a
client reads (their practitioner's name, "You", "The practice"), when on the practice's clock,
never an IP address, paginated."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client as DjangoClient
from django.test import RequestFactory
from django.urls import reverse

from craniocare.audit.models import Action, AuditEvent
from craniocare.audit.services import audit_record
from craniocare.clients.models import Client
from craniocare.portal.access_log import PAGE_SIZE
from tests.portal.helpers import text

pytestmark = pytest.mark.django_db

LOG = reverse("portal:access_log")
STAFF_IP = "198.51.100.23"


def signed_in(user: Any) -> DjangoClient:
    browser = DjangoClient()
    browser.force_login(user)
    return browser


def staff_view(user: Any, client: Client, detail: str = "opened the record") -> AuditEvent:
    request = RequestFactory().get("/office/", REMOTE_ADDR=STAFF_IP)
    request.user = user
    return audit_record(
        actor=user, client=client, action=Action.VIEW, request=request, detail=detail
    )


def test_it_shows_only_this_clients_events_in_words(alice, bob, serena, frank):
    alice_record = Client.objects.get(user=alice)
    bob_record = Client.objects.get(user=bob)
    staff_view(serena, alice_record)
    audit_record(actor=frank, client=alice_record, action=Action.CHANGE, obj=alice_record)
    staff_view(serena, bob_record, detail="Bob-only event")
    audit_record(actor=None, client=bob_record, action=Action.EXPORT, actor_label="system")

    response = signed_in(alice).get(LOG)
    page = text(response)

    assert response.status_code == 200
    assert "Who opened your record" in page
    assert serena.get_full_name() in page  # her practitioner, by name
    assert "The practice" in page  # the front desk is not named
    assert frank.get_full_name() not in page
    assert "You" in page  # opening this page is itself recorded
    assert STAFF_IP not in page and serena.email not in page
    assert "Bob" not in page and "Downloaded" not in page
    rows = page.count("<tr>") - 1  # minus the header row
    assert rows == AuditEvent.objects.filter(client_id=alice_record.pk).count() == 3


def test_it_paginates_newest_first(alice, serena):
    record = Client.objects.get(user=alice)
    for _ in range(PAGE_SIZE + 2):
        staff_view(serena, record)
    browser = signed_in(alice)
    first = text(browser.get(LOG))
    assert "Page 1 of 2" in first and first.index("You") < first.index(serena.get_full_name())
    second = text(browser.get(LOG + "?page=2"))
    assert "Page 2 of 2" in second and second.count("<tr>") - 1 == 4  # 28 + 2 visits - 25


def test_times_are_on_the_practices_clock(alice, serena):
    record = Client.objects.get(user=alice)
    # 03:00 UTC on 3 December is still 2 December, 10 p.m., in Toronto.
    with time_machine.travel(datetime(2026, 12, 3, 3, 0, tzinfo=UTC), tick=False):
        staff_view(serena, record)
    page = text(signed_in(alice).get(LOG))
    assert "Wednesday 2 December 2026, 10:00" in page
    assert "Thursday 3 December 2026, 3:00" not in page


def test_a_sign_in_without_a_record_gets_a_404(client, alice_signin):
    client.force_login(alice_signin)
    assert client.get(LOG).status_code == 404
