"""A restricted record's pages (session notes, intake answers and consents, the record's audit
page) show the restricted notice instead of their content, and write no view event, until the
practitioner opens the record; opening writes exactly one event and brings them back to the
page, which then works as before. Changes to a closed record are refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.audit.models import AuditEvent
from craniocare.clinical.restriction import client_restrict
from tests.clinical.helpers import CONTENT, signed_note
from tests.intake.helpers import sign, submit_intake
from tests.retention.restricted import REASON, open_record

pytestmark = pytest.mark.django_db

NOTICE = "This record is restricted"
GOALS = "Less clenching at night."  # an intake answer (tests/intake/helpers.py)


@pytest.fixture
def record(serena, alice_client, alice_session):
    """Alice's record with a signed note, a submitted intake and a consent; then restricted."""
    signed_note(alice_session, serena)
    submission = submit_intake(alice_client)
    consent = sign(alice_client)
    client_restrict(client=alice_client, reason=REASON, by=serena)
    alice_client.refresh_from_db()
    return {"client": alice_client, "submission": submission, "consent": consent}


def pages(record, alice_session) -> dict[str, tuple[str, str]]:
    """Each page of the record: (its URL, what only the opened page shows)."""
    client_id = record["client"].pk
    return {
        "session note": (
            reverse("office:session_note", args=[alice_session.pk]),
            CONTENT.subjective,
        ),
        "intake": (reverse("office:intake_client", args=[client_id]), GOALS),
        "intake revision": (
            reverse("office:intake_submission", args=[record["submission"].pk]),
            GOALS,
        ),
        "fill in intake": (reverse("office:intake_fill", args=[client_id]), "Alice Martin"),
        "consent in the room": (
            reverse("office:intake_consent", args=[client_id]),
            "Alice Martin",
        ),
        "record access": (reverse("office:client_audit", args=[client_id]), "Alice Martin"),
        "clinical record": (
            reverse("office:client_clinical", args=[client_id]),
            reverse("office:session_note", args=[alice_session.pk]),  # the notes list
        ),
    }


PAGE_NAMES = [
    "session note",
    "intake",
    "intake revision",
    "fill in intake",
    "consent in the room",
    "record access",
    "clinical record",
]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_a_closed_record_page_shows_the_notice_and_records_nothing(
    office_client, serena, record, alice_session, name
):
    url, content = pages(record, alice_session)[name]
    events = AuditEvent.objects.filter(client_id=record["client"].pk)
    before = events.count()
    response = office_client(serena).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert NOTICE in html and "Open restricted record" in html
    assert content not in html and "Alice Martin" not in html
    assert f'name="next" value="{url}"' in html
    assert events.count() == before


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_opening_writes_one_event_and_the_page_then_works_as_before(
    office_client, serena, record, alice_session, name
):
    url, content = pages(record, alice_session)[name]
    browser = office_client(serena)
    views = AuditEvent.objects.filter(client_id=record["client"].pk, action="view")
    before = views.count()
    opened = open_record(browser, record["client"], back=url)
    assert opened.status_code == 302 and opened["Location"] == url
    assert views.count() == before + 1
    assert views.last().detail == "Opened the restricted record."
    html = browser.get(url).content.decode()
    assert content in html and NOTICE not in html


def test_the_pages_that_audit_a_view_do_so_again_once_opened(
    office_client, serena, record, alice_session
):
    browser = office_client(serena)
    open_record(browser, record["client"])
    views = AuditEvent.objects.filter(client_id=record["client"].pk, action="view")
    for name in ("session note", "intake", "intake revision", "clinical record"):
        before = views.count()
        browser.get(pages(record, alice_session)[name][0])
        assert views.count() == before + 1, name


def test_changes_to_a_closed_record_are_refused(office_client, serena, record, alice_session):
    browser = office_client(serena)
    note = alice_session.session_note
    addendum = browser.post(
        reverse("office:session_note_addendum", args=[alice_session.pk]),
        {"reason": "Typo", "text": "Left side, not right."},
    )
    assert addendum.status_code == 403 and NOTICE in addendum.content.decode()
    assert note.addenda.count() == 0
    withdraw = browser.post(
        reverse("office:consent_withdraw", args=[record["consent"].pk]),
        {"reason": "Changed her mind."},
    )
    assert withdraw.status_code == 403
    record["consent"].refresh_from_db()
    assert record["consent"].withdrawn_at is None


@pytest.mark.parametrize("who", ["maya", "frank"])
def test_other_staff_get_404_on_the_record_pages(
    office_client, record, alice_session, who, request
):
    browser = office_client(request.getfixturevalue(who))
    for name in PAGE_NAMES:
        assert browser.get(pages(record, alice_session)[name][0]).status_code == 404, name
