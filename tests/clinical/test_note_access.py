"""Who reaches a session note: the practitioner of the client (THE rule of clients/access.py).
Every note URL answers 404 to another practitioner, front desk, clients and outsiders, for GET
and POST alike, and changes nothing; anonymous visitors are sent to sign in (the office's rule,
tests/office/test_access.py) and see nothing either."""

from __future__ import annotations

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse

from craniocare.audit.models import AuditEvent
from craniocare.clinical.models import Addendum, SessionNote
from tests.clinical.helpers import session, signed_note, written_note

pytestmark = pytest.mark.django_db

NOTE_URL_NAMES = [
    "office:session_note",
    "office:session_note_start",
    "office:session_note_sign",
    "office:session_note_addendum",
]
RECORD_URL_NAMES = ["office:client_clinical", "office:client_audit"]
# Actions on a client's record (clinical/restriction.py; lifting has a GET form page too).
RECORD_ACTION_NAMES = [
    "office:client_restrict",
    "office:client_open_restricted",
    "office:client_restriction_lift",
]
OUTSIDERS = ["pia", "frank", "alice", "bob", "mallory"]


def test_the_lists_name_every_url_of_a_booking_note_or_a_record():
    """Read from the URLconf: a new note URL fails here until it is enumerated above."""
    from tests.office.test_access import office_patterns, url_arguments

    clinical = {
        name
        for name, pattern in office_patterns().items()
        if pattern.callback.__module__.split(".")[1] in ("clinical", "audit")
        and url_arguments(pattern)
    }
    assert clinical == set(NOTE_URL_NAMES) | {"office:client_audit", *RECORD_ACTION_NAMES}


@pytest.fixture
def notes(serena, alice_session, alice_client, session60):
    """A signed note (with an addendum's worth of room) and a draft on another session."""
    draft_booking = session(serena, alice_client, session60, days_ago=8)
    return {
        "signed": signed_note(alice_session, serena),
        "draft": written_note(draft_booking, serena),
    }


def _signed_in(who: str, request, office_client) -> DjangoClient:
    user = request.getfixturevalue(who)
    if who in ("pia", "frank"):
        return office_client(user)
    client = DjangoClient()
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", NOTE_URL_NAMES)
def test_every_note_url_is_404_for_anyone_but_the_practitioner(
    request, office_client, notes, who, name
):
    client = _signed_in(who, request, office_client)
    events = AuditEvent.objects.count()
    for note in notes.values():
        url = reverse(name, args=[note.booking_id])
        assert client.get(url).status_code in (404, 405)
        posted = {
            "confirm": "yes",
            "reason": "r",
            "text": "t",
            "plan": "changed",
            "from_last": "on",
        }
        assert client.post(url, posted).status_code == 404
    assert AuditEvent.objects.count() == events  # nothing seen, nothing changed
    assert SessionNote.objects.get(pk=notes["draft"].pk).plan == notes["draft"].plan
    assert SessionNote.objects.get(pk=notes["draft"].pk).signed_at is None
    assert Addendum.objects.count() == 0


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", RECORD_URL_NAMES)
def test_the_record_and_its_audit_are_404_for_anyone_but_the_practitioner(
    request, office_client, notes, alice_client, who, name
):
    client = _signed_in(who, request, office_client)
    events = AuditEvent.objects.count()
    assert client.get(reverse(name, args=[alice_client.pk])).status_code == 404
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", RECORD_ACTION_NAMES)
def test_the_record_actions_are_404_for_anyone_but_the_practitioner(
    request, office_client, notes, alice_client, who, name
):
    client = _signed_in(who, request, office_client)
    events = AuditEvent.objects.count()
    url = reverse(name, args=[alice_client.pk])
    assert client.post(url, {"reason": "Erasure request."}).status_code == 404
    assert AuditEvent.objects.count() == events
    alice_client.refresh_from_db()
    assert not alice_client.is_restricted


@pytest.mark.parametrize("name", NOTE_URL_NAMES + RECORD_URL_NAMES + RECORD_ACTION_NAMES)
def test_anonymous_visitors_are_sent_to_sign_in(client, notes, alice_client, name):
    in_record = name in RECORD_URL_NAMES + RECORD_ACTION_NAMES
    arg = alice_client.pk if in_record else notes["signed"].booking_id
    url = reverse(name, args=[arg])
    events = AuditEvent.objects.count()
    for response in (client.get(url), client.post(url, {"confirm": "yes"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert AuditEvent.objects.count() == events


def test_another_practitioner_of_the_client_reads_but_does_not_write(
    office_client, pia, notes, alice_client, session60
):
    """Pia treats Alice too, so the rule lets her read Alice's notes; only Serena, whose
    sessions they are, writes them."""
    pia_service = session60
    pia_service.practitioners.add(pia.practitioner)
    session(pia, alice_client, pia_service, days_ago=3, hour=10)
    client = office_client(pia)
    url = reverse("office:session_note", args=[notes["signed"].booking_id])
    assert client.get(url).status_code == 200
    assert "Add an addendum" not in client.get(url).content.decode()
    draft_url = reverse("office:session_note", args=[notes["draft"].booking_id])
    assert client.post(draft_url, {"plan": "changed"}).status_code == 404
    add_url = reverse("office:session_note_addendum", args=[notes["signed"].booking_id])
    assert client.post(add_url, {"reason": "r", "text": "t"}).status_code == 404
    assert Addendum.objects.count() == 0
