"""An erasure request inside the retention period: the practitioner restricts the record with a
reason (audited); it leaves the client list and search, and its clinical page shows a notice
until the practitioner opens it explicitly, which writes an audit event."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.audit.models import AuditEvent
from craniocare.clients.models import Client
from tests.clinical.helpers import signed_note

pytestmark = pytest.mark.django_db

REASON = "Client asked for erasure on 3 December; kept for the legal period."


def _restrict(browser, client: Client):
    return browser.post(reverse("office:client_restrict", args=[client.pk]), {"reason": REASON})


def test_restricting_keeps_the_reason_and_writes_one_restrict_event(
    office_client, serena, alice_session
):
    client = alice_session.client
    before = AuditEvent.objects.filter(client_id=client.pk, action="restrict").count()
    assert _restrict(office_client(serena), client).status_code == 302
    client.refresh_from_db()
    assert client.is_restricted and client.restricted_reason == REASON
    assert client.restricted_by == serena
    events = AuditEvent.objects.filter(client_id=client.pk, action="restrict")
    assert events.count() == before + 1
    assert REASON not in events.last().detail


def test_a_restriction_needs_a_reason(office_client, serena, alice_session):
    client = alice_session.client
    office_client(serena).post(
        reverse("office:client_restrict", args=[client.pk]), {"reason": "  "}
    )
    client.refresh_from_db()
    assert not client.is_restricted


def test_only_the_clients_practitioner_restricts(office_client, maya, frank, alice_session):
    client = alice_session.client
    for user in (maya, frank):
        assert _restrict(office_client(user), client).status_code == 404
    client.refresh_from_db()
    assert not client.is_restricted


def test_a_restricted_record_leaves_the_client_list_and_search(
    office_client, serena, alice_session
):
    client = alice_session.client
    desk = office_client(serena)
    listing = reverse("office:clients")
    assert client.name in desk.get(listing).content.decode()
    _restrict(desk, client)
    assert client.name not in desk.get(listing).content.decode()
    assert client.name not in desk.get(listing, {"q": client.name.split()[0]}).content.decode()


def test_the_clinical_page_shows_a_notice_until_opened_and_opening_is_audited(
    office_client, serena, alice_session
):
    client = alice_session.client
    signed_note(alice_session, serena)
    browser = office_client(serena)
    _restrict(browser, client)
    page_url = reverse("office:client_clinical", args=[client.pk])
    views = AuditEvent.objects.filter(client_id=client.pk, action="view")
    before = views.count()

    closed = browser.get(page_url).content.decode()
    assert "This record is restricted" in closed and "Open restricted record" in closed
    note_link = reverse("office:session_note", args=[alice_session.pk])
    assert note_link not in closed
    assert views.count() == before  # nothing shown, nothing recorded

    opened = browser.post(reverse("office:client_open_restricted", args=[client.pk]))
    assert opened.status_code == 302
    assert views.count() == before + 1
    assert views.last().detail == "Opened the restricted record."
    page = browser.get(page_url).content.decode()
    assert "Restricted record" in page and REASON in page
    assert note_link in page
