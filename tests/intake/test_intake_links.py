"""The client's intake and consent links: they open, expire, show only their own client's
answers, keep what was typed, save a section for later, and take a typed signature without
JavaScript."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from craniocare.clients.models import Client
from craniocare.intake.models import Consent, IntakeSubmission
from craniocare.intake.tokens import consent_link_for, intake_link_for
from tests.intake.helpers import complete_answers, submit_intake

pytestmark = pytest.mark.django_db

# --- the client's links -----------------------------------------------------------------------


def test_the_intake_link_opens_and_an_altered_link_is_a_friendly_404(client, alice_client):
    link = intake_link_for(alice_client)
    response = client.get(link)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    broken = client.get(link[:-3] + "abc/")
    assert broken.status_code == 404
    assert "We couldn't open this link" in broken.content.decode()


def test_an_expired_link_is_a_friendly_410(client, alice_client, settings):
    settings.INTAKE_LINK_MAX_AGE_DAYS = 30
    link = consent_link_for(alice_client, "intraoral")
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = client.get(link)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_a_link_shows_only_its_own_clients_answers(client, alice_client, bob):
    bob_client = Client.objects.get(user=bob)
    submit_intake(bob_client, contact={**complete_answers()["contact"], "full_name": "Bob N."})
    content = client.get(intake_link_for(alice_client)).content.decode()
    assert "Bob" not in content
    section = reverse(
        "intake:section", args=[intake_link_for(alice_client).split("/")[2], "contact"]
    )
    assert "Bob N." not in client.get(section).content.decode()


def test_bad_input_keeps_what_was_typed(client, alice_client):
    token = intake_link_for(alice_client).split("/")[2]
    url = reverse("intake:section", args=[token, "contact"])
    response = client.post(
        url,
        {
            "full_name": "Alice Martin",
            "phone": "call me maybe",
            "date_of_birth": "1985-02-31",
            "emergency_name": "Sam Martin",
            "emergency_phone": "",
            "action": "next",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="call me maybe"' in content
    assert 'value="Sam Martin"' in content
    assert "Please use only digits" in content
    assert "Please answer this question." in content
    assert not IntakeSubmission.objects.exists()


def test_a_client_fills_a_section_and_saves_for_later(client, alice_client):
    token = intake_link_for(alice_client).split("/")[2]
    url = reverse("intake:section", args=[token, "contact"])
    response = client.post(url, {"full_name": "Alice Martin", "action": "later"})
    assert response.status_code == 302
    draft = IntakeSubmission.objects.get()
    assert draft.answers == {"full_name": "Alice Martin"} and draft.sections_done == []


def test_the_consent_page_records_a_typed_signature_without_javascript(client, alice_client):
    url = consent_link_for(alice_client, "intraoral")
    bad = client.post(url, {"full_name": "Alice Martin", "signature_text": ""})
    assert bad.status_code == 400
    assert 'value="Alice Martin"' in bad.content.decode()
    ok = client.post(
        url,
        {"full_name": "Alice Martin", "signature_text": "Alice Martin", "agree": "on"},
        REMOTE_ADDR="198.51.100.4",
    )
    assert ok.status_code == 302
    consent = Consent.objects.get()
    assert consent.kind == "intraoral" and consent.ip_address == "198.51.100.4"
    assert "Signed" in client.get(url).content.decode()
