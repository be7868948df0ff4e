"""The office's session-note pages: starting (blank, from the last note), editing a draft,
signing with confirmation, addenda; one audit event per view of a note or the record; the
client's notes on their clinical record page; unsigned notes on Today."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from craniocare.audit.models import AuditEvent
from craniocare.clinical.models import SessionNote
from craniocare.clinical.services import note_start
from tests.clinical.helpers import session, signed_note, written_note
from tests.intake.helpers import sign

pytestmark = pytest.mark.django_db


def note_url(booking, what: str = "") -> str:
    return reverse(f"office:session_note{what}", args=[booking.pk])


EDITOR_POST = {
    "subjective": "Jaw sore after a stressful week.",
    "pain_area_0": "jaw, right",
    "pain_score_0": "7",
    "findings": "Right TMJ guarded.",
    "areas": ["jaw_tmj_right", "intraoral_pterygoids"],
    "techniques": ["intraoral_release", "still_point"],
    "techniques_other": "",
    "noticed": ["emotional_shift"],
    "noticed_other": "",
    "plan": "One week.",
}


def test_it_starts_edits_and_signs_a_note(office_client, serena, alice_client, alice_session):
    # Alice signed the intraoral consent the day before (consent by region: test_consent_by_region)
    sign(alice_client, now=alice_session.start - timedelta(days=1))
    client = office_client(serena)
    assert "Start a blank note" in client.get(note_url(alice_session)).content.decode()
    assert client.post(note_url(alice_session, "_start")).status_code == 302
    response = client.post(note_url(alice_session), EDITOR_POST)
    assert response.status_code == 302
    note = SessionNote.objects.get(booking=alice_session)
    assert note.areas == ["jaw_tmj_right", "intraoral_pterygoids"]
    assert note.pain == [{"area": "jaw, right", "score": 7}]
    assert note.techniques == ["intraoral_release", "still_point"]
    assert note.noticed == ["emotional_shift"]
    page = client.get(note_url(alice_session)).content.decode()
    assert "Intraoral / pterygoids" in page and "own consent" in page  # flagged before signing
    # Signing asks for confirmation first.
    assert client.post(note_url(alice_session, "_sign")).status_code == 400
    assert SessionNote.objects.get(pk=note.pk).signed_at is None
    assert client.post(note_url(alice_session, "_sign"), {"confirm": "yes"}).status_code == 302
    note.refresh_from_db()
    assert note.is_signed and note.content_hash == note.compute_hash()
    # Signed: the editor is gone; an addendum goes under the original.
    assert client.post(note_url(alice_session), EDITOR_POST | {"plan": "x"}).status_code == 302
    assert SessionNote.objects.get(pk=note.pk).plan == "One week."
    response = client.post(
        note_url(alice_session, "_addendum"), {"reason": "Correction", "text": "Left side too."}
    )
    assert response.status_code == 302
    page = client.get(note_url(alice_session)).content.decode()
    assert page.index("The signed note") < page.index("Left side too.")


def test_a_wrong_pain_score_keeps_what_was_typed(office_client, serena, alice_session):
    note_start(booking=alice_session, author=serena)
    response = office_client(serena).post(
        note_url(alice_session), EDITOR_POST | {"pain_score_0": "12"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Jaw sore after a stressful week." in page
    assert 'value="jaw_tmj_right" id="area-jaw_tmj_right" checked' in page
    assert SessionNote.objects.get(booking=alice_session).subjective == ""


def test_an_addendum_needs_a_reason(office_client, serena, alice_session):
    signed_note(alice_session, serena)
    response = office_client(serena).post(note_url(alice_session, "_addendum"), {"text": "x"})
    assert response.status_code == 400
    assert SessionNote.objects.get(booking=alice_session).addenda.count() == 0


def test_start_from_the_last_note_copies_areas_and_techniques(
    office_client, serena, alice_client, session60, alice_session
):
    earlier = session(serena, alice_client, session60, days_ago=15)
    signed_note(earlier, serena)
    client = office_client(serena)
    assert "Start from the last note" in client.get(note_url(alice_session)).content.decode()
    client.post(note_url(alice_session, "_start"), {"from_last": "on"})
    note = SessionNote.objects.get(booking=alice_session)
    last = SessionNote.objects.get(booking=earlier)
    assert note.areas == last.areas == ["jaw_tmj_left", "sacrum", "diaphragm"]
    assert note.techniques == last.techniques
    assert note.techniques_other == last.techniques_other
    assert (note.subjective, note.findings, note.plan, note.pain) == ("", "", "", [])
    assert not note.is_signed


def test_each_view_of_a_note_writes_exactly_one_audit_event(office_client, serena, alice_session):
    note = signed_note(alice_session, serena)
    client = office_client(serena)
    before = AuditEvent.objects.count()
    for views in (1, 2, 3):
        response = client.get(note_url(alice_session))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert AuditEvent.objects.count() == before + views
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor, event.client_id) == ("view", serena, alice_session.client_id)
    assert (event.object_type, event.object_id) == ("clinical.sessionnote", str(note.pk))
    assert event.ip == "127.0.0.1"


def test_each_view_of_the_clinical_record_writes_exactly_one_audit_event(
    office_client, serena, alice_session
):
    signed_note(alice_session, serena)
    client = office_client(serena)
    url = reverse("office:client_clinical", args=[alice_session.client_id])
    before = AuditEvent.objects.count()
    page = client.get(url).content.decode()
    assert AuditEvent.objects.count() == before + 1
    assert "Session notes" in page and "Jaw / TMJ, left" in page
    assert "Coming with the clinical records" not in page
    client.get(url)
    assert AuditEvent.objects.count() == before + 2


def test_every_change_is_audited_in_its_transaction(serena, alice_session):
    from craniocare.clinical.services import addendum_add

    note = signed_note(alice_session, serena)
    addendum_add(note=note, author=serena, reason="Late detail", text="Slept well after.")
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions == ["create", "change", "sign", "addendum"]


def test_the_audit_page_lists_who_what_when_and_where(office_client, serena, alice_session):
    signed_note(alice_session, serena)
    client = office_client(serena)
    client.get(note_url(alice_session))
    page = client.get(reverse("office:client_audit", args=[alice_session.client_id]))
    text = page.content.decode()
    assert page.status_code == 200
    for expected in ("Serena Hale", "Viewed", "Signed", "Created", "127.0.0.1"):
        assert expected in text


def test_the_booking_page_links_its_note_for_the_practitioner_only(
    office_client, serena, frank, alice_session
):
    url = reverse("office:booking", args=[alice_session.pk])
    assert note_url(alice_session) in office_client(serena).get(url).content.decode()
    assert note_url(alice_session) not in office_client(frank).get(url).content.decode()


def test_today_lists_drafts_left_unsigned_too_long(
    office_client, serena, pia, alice_session, settings, time_machine
):
    settings.CLINICAL_UNSIGNED_NOTE_HOURS = 24
    note = written_note(alice_session, serena)
    today = reverse("office:today")
    assert "Notes to sign" not in office_client(serena).get(today).content.decode()
    time_machine.move_to(note.created_at + timedelta(hours=25), tick=False)
    page = office_client(serena).get(today).content.decode()
    assert "Notes to sign" in page and note_url(alice_session) in page
    assert "Notes to sign" not in office_client(pia).get(today).content.decode()


def test_signed_notes_leave_the_to_do(office_client, serena, alice_session, time_machine):
    note = signed_note(alice_session, serena)
    time_machine.move_to(note.created_at + timedelta(days=3), tick=False)
    page = office_client(serena).get(reverse("office:today")).content.decode()
    assert "Notes to sign" not in page


def test_a_template_fills_a_new_note(office_client, serena, alice_session):
    client = office_client(serena)
    response = client.post(
        reverse("office:note_templates"),
        {
            "name": "Jaw and TMJ session",
            "subjective": "",
            "findings": "TMJ, left and right:",
            "areas": ["jaw_tmj_left", "jaw_tmj_right"],
            "techniques": ["intraoral_release"],
            "plan": "Review in two weeks.",
        },
    )
    assert response.status_code == 302
    template = serena.practitioner.note_templates.get()
    assert "Jaw and TMJ session" in client.get(reverse("office:note_templates")).content.decode()
    client.post(note_url(alice_session, "_start"), {"template": template.pk})
    note = SessionNote.objects.get(booking=alice_session)
    assert note.areas == ["jaw_tmj_left", "jaw_tmj_right"]
    assert (note.findings, note.plan) == ("TMJ, left and right:", "Review in two weeks.")


def test_a_practitioner_cannot_start_from_another_practitioners_template(
    office_client, serena, pia, alice_session
):
    from craniocare.clinical.services import NoteContent, note_template_create

    theirs = note_template_create(
        practitioner=pia.practitioner, name="Pia's", content=NoteContent(plan="Pia's plan")
    )
    response = office_client(serena).post(
        note_url(alice_session, "_start"), {"template": theirs.pk}
    )
    assert response.status_code == 400
    assert not SessionNote.objects.filter(booking=alice_session).exists()


def test_the_clinical_record_shows_intake_and_consents_with_their_link(
    office_client, serena, alice_client, alice_session
):
    sign(alice_client, "general")
    html = office_client(serena).get(reverse("office:client_clinical", args=[alice_client.pk]))
    content = html.content.decode()
    assert "Intake and consents" in content and "will be shown here" not in content
    assert reverse("office:intake_client", args=[alice_client.pk]) in content
    assert content.count("Signed") >= 1 and "Not filled in yet" in content
