"""Lifting a restriction (the practitioner's reason, audited "unrestrict" with the earlier
reason in its detail) and the practitioner's "Restricted records" screen (their own restricted
clients, by whom, why, and until when kept; no clinical content, no view events)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.audit.models import AuditEvent
from craniocare.clients.models import Client
from craniocare.clinical.purge import add_years
from craniocare.clinical.restriction import client_restrict
from tests.clinical.helpers import CONTENT, session, signed_note
from tests.clock import TORONTO
from tests.retention.restricted import REASON, open_record

pytestmark = pytest.mark.django_db

LIFT_REASON = "The client withdrew the erasure request by phone."


@pytest.fixture
def restricted(serena, alice_client, alice_session):
    signed_note(alice_session, serena)
    client_restrict(client=alice_client, reason=REASON, by=serena)
    alice_client.refresh_from_db()
    return alice_client


def lift_url(client: Client) -> str:
    return reverse("office:client_restriction_lift", args=[client.pk])


# --- lifting ----------------------------------------------------------------------------------


def test_lifting_brings_the_record_back_and_writes_one_event_with_both_reasons(
    office_client, serena, restricted
):
    browser = office_client(serena)
    open_record(browser, restricted)
    events = AuditEvent.objects.filter(client_id=restricted.pk)
    before = events.count()
    response = browser.post(lift_url(restricted), {"reason": LIFT_REASON})
    assert response.status_code == 302
    assert response["Location"] == reverse("office:client_clinical", args=[restricted.pk])
    restricted.refresh_from_db()
    assert not restricted.is_restricted and restricted.restricted_reason == ""
    assert events.count() == before + 1
    lifted = events.last()
    assert lifted.action == "unrestrict" and lifted.get_action_display() == "Lifted the restriction"
    assert LIFT_REASON in lifted.detail and REASON in lifted.detail
    assert CONTENT.subjective not in lifted.detail
    # Back on everyday screens (the record is no longer restricted, opened or not).
    fresh = browser
    assert "Alice Martin" in fresh.get(reverse("office:clients")).content.decode()
    audit_page = fresh.get(reverse("office:client_audit", args=[restricted.pk])).content.decode()
    assert "Lifted the restriction" in audit_page and REASON in audit_page


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("   ", "Please give the reason for lifting the restriction."),
        ("x" * 121, "Please keep this to 120 characters or fewer"),
        ("Withdrawn\x00", "control character"),
    ],
)
def test_lifting_refuses_a_missing_or_bad_reason_and_keeps_what_was_typed(
    office_client, serena, restricted, typed, problem
):
    browser = office_client(serena)
    open_record(browser, restricted)
    events = AuditEvent.objects.filter(client_id=restricted.pk).count()
    response = browser.post(lift_url(restricted), {"reason": typed})
    html = response.content.decode()
    assert response.status_code == 400
    assert problem in html
    if "\x00" not in typed:
        assert f">{typed}</textarea>" in html
    assert 'aria-invalid="true"' in html
    restricted.refresh_from_db()
    assert restricted.is_restricted
    assert AuditEvent.objects.filter(client_id=restricted.pk).count() == events


def test_lifting_a_closed_record_needs_it_opened_first(office_client, serena, restricted):
    response = office_client(serena).post(lift_url(restricted), {"reason": LIFT_REASON})
    assert response.status_code == 403
    assert "Open restricted record" in response.content.decode()
    restricted.refresh_from_db()
    assert restricted.is_restricted


def test_a_record_restricted_again_must_be_opened_again(office_client, serena, restricted):
    browser = office_client(serena)
    open_record(browser, restricted)
    browser.post(lift_url(restricted), {"reason": LIFT_REASON})
    browser.post(reverse("office:client_restrict", args=[restricted.pk]), {"reason": REASON})
    page = browser.get(reverse("office:client_clinical", args=[restricted.pk])).content.decode()
    assert "Open restricted record" in page


def test_the_lift_page_of_a_record_that_is_not_restricted_says_so(
    office_client, serena, alice_client, alice_session
):
    response = office_client(serena).post(lift_url(alice_client), {"reason": LIFT_REASON})
    assert response.status_code == 409
    assert "This record is not restricted." in response.content.decode()
    assert not AuditEvent.objects.filter(client_id=alice_client.pk, action="unrestrict").exists()


# --- the Restricted records screen ------------------------------------------------------------


def test_the_screen_lists_the_practitioners_own_restricted_records(
    office_client, serena, maya, bob, session60, restricted, alice_session
):
    bob_client = Client.objects.get(user=bob)
    session(maya, bob_client, session60, days_ago=3)
    client_restrict(client=bob_client, reason="Bob's erasure request.", by=maya)
    events = AuditEvent.objects.count()

    html = office_client(serena).get(reverse("office:restricted_records")).content.decode()
    # The last entry is the note, signed just now (on the practice's clock, as the screen reads it).
    signed_at = alice_session.session_note.signed_at
    kept_until = add_years(timezone.localdate(signed_at, TORONTO), 10)
    assert "Alice Martin" in html and REASON in html and "Serena Hale" in html
    assert f"{restricted.restricted_at:%-d %b %Y}" in html
    assert f"{kept_until:%-d %b %Y}" in html
    assert reverse("office:client_clinical", args=[restricted.pk]) in html
    assert "Bob" not in html  # Maya's client
    assert CONTENT.subjective not in html and CONTENT.plan not in html
    assert AuditEvent.objects.count() == events  # a list of names and reasons: no views


def test_the_client_list_links_to_the_screen_for_the_practitioner_only(
    office_client, serena, frank, restricted
):
    link = reverse("office:restricted_records")
    serena_list = office_client(serena).get(reverse("office:clients")).content.decode()
    assert f'href="{link}"' in serena_list and "1 restricted record<" in serena_list
    frank_list = office_client(frank).get(reverse("office:clients")).content.decode()
    assert link not in frank_list


def test_the_screen_says_when_there_is_none(office_client, serena):
    html = office_client(serena).get(reverse("office:restricted_records")).content.decode()
    assert "None of your clients' records is restricted." in html


# --- who may reach the new pages ------------------------------------------------------------


def new_urls(client: Client) -> list[str]:
    return [lift_url(client), reverse("office:restricted_records")]


@pytest.mark.parametrize("who", ["maya", "frank", "alice", "mallory"])
def test_other_people_cannot_lift_it_or_see_it_listed(
    client, office_client, restricted, who, request
):
    user = request.getfixturevalue(who)
    if user.is_staff:
        browser = office_client(user)
    else:
        browser = client
        browser.force_login(user)
    assert browser.get(lift_url(restricted)).status_code == 404
    assert browser.post(lift_url(restricted), {"reason": LIFT_REASON}).status_code == 404
    listing = browser.get(reverse("office:restricted_records"))
    if who == "maya":  # another practitioner: her own list, without Alice
        assert listing.status_code == 200
        assert "Alice Martin" not in listing.content.decode()
    else:  # front desk, clients, outsiders
        assert listing.status_code == 404
    restricted.refresh_from_db()
    assert restricted.is_restricted


def test_anonymous_visitors_are_sent_to_sign_in(client, restricted):
    for url in new_urls(restricted):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("account_login") + "?next=" + url
    assert client.post(lift_url(restricted), {"reason": LIFT_REASON}).status_code == 302
    restricted.refresh_from_db()
    assert restricted.is_restricted
