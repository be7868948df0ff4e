"""A client's copy of their record (JSON and PDF): everything the registered sections hold about
them, and nothing of any other client. Other apps plug their sections in (clients/records.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone

from craniocare.clients import records
from craniocare.clients.models import Client
from craniocare.clients.services import client_update_practice_notes
from craniocare.portal.pdf import record_pdf
from tests.factories import ClientFactory
from tests.office.helpers import book
from tests.portal.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> DjangoClient:
    browser = DjangoClient()
    browser.force_login(user)
    return browser


def bob_traces(schedules: dict[str, Any]) -> list[str]:
    return ["Bob", "bob@example.com", schedules["bob_next"].uid, "Bob's shoulder."]


def test_the_json_holds_her_details_and_every_booking(alice, schedules):
    client = Client.objects.get(user=alice)
    client_update_practice_notes(client=client, practice_notes="Prefers mornings.")
    response = signed_in(alice).get(reverse("portal:record_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="record-alice-martin-')
    data = json.loads(response.content)
    assert data["format"] == "craniocare.client-record"
    assert data["practice"]["name"] == "Serena CranioCare"
    assert list(data["sections"]) == [
        "client",
        "bookings",
        "intake",
        "consents",
        "notes",
        "access_log",
    ]
    details = data["sections"]["client"]["data"]
    assert details["name"] == "Alice Martin" and details["email"] == "alice@example.com"
    assert details["practice_notes"] == "Prefers mornings."
    bookings = data["sections"]["bookings"]["data"]
    own = ("alice_past", "alice_missed", "alice_next", "alice_cancelled", "alice_london")
    assert {row["reference"] for row in bookings} == {schedules[k].uid for k in own}
    [london] = [row for row in bookings if row["reference"] == schedules["alice_london"].uid]
    assert london["time_zone"] == "Europe/London" and london["start"].endswith("+00:00")
    [first] = [row for row in bookings if row["reference"] == schedules["alice_next"].uid]
    assert first["your_notes"] == "Left jaw clicks."
    statuses = {row["status"] for row in bookings}
    assert statuses == {"Confirmed", "Completed", "No-show", "Cancelled"}


def test_the_json_holds_nothing_of_another_client(alice, schedules):
    content = signed_in(alice).get(reverse("portal:record_json")).content.decode()
    for trace in bob_traces(schedules):
        assert trace not in content, trace


def test_the_pdf_reads_as_her_record_and_nothing_of_another_client(alice, schedules):
    response = signed_in(alice).get(reverse("portal:record_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].endswith('.pdf"')
    content = pdf_text(response.content)
    for expected in (
        "Serena CranioCare",
        "Record of Alice Martin",
        "Your details",
        "alice@example.com",
        "Your sessions",
        "CranioSacral Therapy, 60 minutes",
        "Somatic Release, 60 minutes",
        "Left jaw clicks.",
        schedules["alice_london"].uid,
    ):
        assert expected in content, expected
    for trace in bob_traces(schedules):
        assert trace not in content, trace


def test_names_with_accents_print_as_typed(serena, session60):
    zoe = ClientFactory(email="zoe@example.com", name="Zoë Lévesque-Ørsted", phone="514-555-0100")
    book(serena, zoe, session60, timezone.now())
    content = pdf_text(record_pdf(client=zoe, now=timezone.now(), compress=False))
    assert "Record of Zoë Lévesque-Ørsted" in content
    assert "Page 1 of 2" in content and "Page 2 of 2" in content  # every section, numbered


def test_another_app_plugs_a_section_into_the_record(alice, schedules, monkeypatch):
    """What intake, consents, notes and the access log do from their AppConfig.ready()."""
    saved = dict(records._sections)
    monkeypatch.setattr(records, "_sections", saved)
    records.register_record_section(
        "outcomes",
        title="Your outcomes",
        description="Each questionnaire you answered about how you feel.",
        collect=lambda client: [{"questionnaire": "Jaw comfort", "answered_by": client.name}],
        summary=lambda client: "1 questionnaire",
        order=60,
    )
    browser = signed_in(alice)
    data = json.loads(browser.get(reverse("portal:record_json")).content)
    assert list(data["sections"])[-2:] == ["outcomes", "access_log"]
    assert data["sections"]["outcomes"]["data"] == [
        {"questionnaire": "Jaw comfort", "answered_by": "Alice Martin"}
    ]
    content = pdf_text(browser.get(reverse("portal:record_pdf")).content)
    assert "Your outcomes" in content and "Jaw comfort" in content  # the generic layout
    page = browser.get(reverse("portal:home")).content.decode()
    assert "Your outcomes" in page and "1 questionnaire" in page


def test_a_large_record_is_complete(alice, serena, session60):
    client = Client.objects.get(user=alice)
    start = timezone.now().replace(microsecond=0)
    for week in range(60):
        book(serena, client, session60, start - timezone.timedelta(days=7 * (week + 1)))
    data = json.loads(signed_in(alice).get(reverse("portal:record_json")).content)
    assert len(data["sections"]["bookings"]["data"]) == 60
    content = pdf_text(record_pdf(client=client, now=timezone.now()))
    assert content.count("CranioSacral Therapy, 60 minutes") == 60


def test_each_view_and_download_writes_exactly_one_audit_event(alice, bob, schedules):
    from craniocare.audit.models import AuditEvent

    client = Client.objects.get(user=alice)
    browser = signed_in(alice)
    for name, action, detail in (
        ("portal:home", "view", "The client opened their portal."),
        ("portal:record_json", "export", "The client downloaded their record (JSON)."),
        ("portal:record_pdf", "export", "The client downloaded their record (PDF)."),
    ):
        before = AuditEvent.objects.count()
        assert browser.get(reverse(name)).status_code == 200
        [event] = AuditEvent.objects.order_by("-seq")[: AuditEvent.objects.count() - before]
        assert (event.client_id, event.actor_id, event.action, event.detail) == (
            client.pk,
            alice.pk,
            action,
            detail,
        )
    assert not AuditEvent.objects.filter(client=Client.objects.get(user=bob)).exists()
