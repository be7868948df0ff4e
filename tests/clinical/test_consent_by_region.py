"""Consent by body region: a note whose body chart marks a region that needs its own consent
(intraoral, pelvis, pelvic floor), for a session the client held no valid consent for, is
flagged before signing and signs only with the practitioner's stated reason, kept on the note.
A consent withdrawn during the session shows its time on the note."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from craniocare.audit.models import Action, AuditEvent
from craniocare.clinical.consents import session_consents
from craniocare.clinical.models import SessionNote
from craniocare.clinical.services import (
    ConsentNotAcknowledged,
    NoteContent,
    note_sign,
)
from craniocare.core.models import PracticeProfile
from craniocare.intake.services import consent_withdraw
from tests.clinical.helpers import written_note
from tests.intake.helpers import sign

pytestmark = pytest.mark.django_db

INTRAORAL = NoteContent(
    subjective="Jaw clenching at night.",
    areas=["jaw_tmj_left", "intraoral_pterygoids"],
    techniques=["intraoral_release"],
)
PELVIC = NoteContent(subjective="Pelvic ache.", areas=["pelvic_floor", "sacrum"])


def url(booking, what: str = "") -> str:
    return reverse(f"office:session_note{what}", args=[booking.pk])


def test_a_sensitive_region_without_consent_is_flagged_before_signing(
    office_client, serena, alice_session
):
    written_note(alice_session, serena, INTRAORAL)
    page = office_client(serena).get(url(alice_session)).content.decode()
    assert "Consent missing for this session" in page
    assert "Intraoral / pterygoids needs the consent “Intraoral (inside the mouth) work”" in page
    assert 'name="consent_ack_reason"' in page


def test_signing_without_the_consent_is_refused_until_a_reason_is_given(
    office_client, serena, alice_session
):
    note = written_note(alice_session, serena, PELVIC)
    client = office_client(serena)
    response = client.post(url(alice_session, "_sign"), {"confirm": "yes"})
    assert response.status_code == 400
    assert "did not hold a valid consent for this session: Work near the pelvis" in (
        response.content.decode()
    )
    assert SessionNote.objects.get(pk=note.pk).signed_at is None
    reason = "Consent given aloud at the start; the written form follows at the next visit."
    response = client.post(
        url(alice_session, "_sign"), {"confirm": "yes", "consent_ack_reason": reason}
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.is_signed
    assert note.consent_missing == ["pelvic"] and note.consent_ack_reason == reason
    assert note.content_hash == note.compute_hash()  # the acknowledgement is signed too
    event = AuditEvent.objects.filter(action=Action.SIGN).get()
    assert event.detail == "signed with a consent gap acknowledged"
    page = client.get(url(alice_session)).content.decode()
    assert "Signed without the consent it needed (Work near the pelvis)" in page
    assert reason in page


def test_the_service_refuses_an_unacknowledged_gap(serena, alice_session):
    note = written_note(alice_session, serena, INTRAORAL)
    with pytest.raises(ConsentNotAcknowledged) as refused:
        note_sign(note=note, signer=serena)
    assert [gap.kind for gap in refused.value.gaps] == ["intraoral"]
    assert SessionNote.objects.get(pk=note.pk).signed_at is None


def test_a_consent_held_for_the_session_signs_without_a_warning(
    office_client, serena, alice_client, alice_session
):
    sign(alice_client, now=alice_session.start - timedelta(days=3))
    note = written_note(alice_session, serena, INTRAORAL)
    page = office_client(serena).get(url(alice_session)).content.decode()
    assert "Consent missing" not in page
    signed = note_sign(note=note, signer=serena)
    assert signed.consent_missing == [] and signed.consent_ack_reason == ""


def test_a_consent_given_after_the_session_does_not_cover_it(serena, alice_client, alice_session):
    sign(alice_client, now=alice_session.end + timedelta(hours=2))
    assert session_consents(alice_session, INTRAORAL.areas).missing_kinds == ["intraoral"]


def test_a_consent_of_the_other_kind_does_not_count(serena, alice_client, alice_session):
    sign(alice_client, kind="intraoral", now=alice_session.start - timedelta(days=1))
    assert session_consents(alice_session, PELVIC.areas).missing_kinds == ["pelvic"]


def test_a_consent_withdrawn_during_the_session_shows_its_time(
    office_client, serena, alice_client, alice_session
):
    consent = sign(alice_client, now=alice_session.start - timedelta(days=3))
    withdrawn_at = alice_session.start + timedelta(minutes=25)
    consent_withdraw(
        consent=consent, reason="Asked to stop the mouth work.", withdrawn_at=withdrawn_at
    )
    written_note(alice_session, serena, INTRAORAL)
    consents = session_consents(alice_session, INTRAORAL.areas)
    assert [gap.withdrawn_at for gap in consents.gaps] == [withdrawn_at]
    client = office_client(serena)
    page = client.get(url(alice_session)).content.decode()
    zone = ZoneInfo(PracticeProfile.load().time_zone)  # the office shows the practice's time
    local = withdrawn_at.astimezone(zone)
    assert "Consent withdrawn during this session: “Intraoral (inside the mouth) work” at" in page
    assert "The client withdrew it during this session, at" in page
    assert f"at {local.hour}:{local.minute:02d}" in page
    # Signed with the reason, the signed note still shows the withdrawal.
    client.post(
        url(alice_session, "_sign"),
        {"confirm": "yes", "consent_ack_reason": "Stopped the intraoral work when asked."},
    )
    page = client.get(url(alice_session)).content.decode()
    assert "The signed note" in page
    assert "Consent withdrawn during this session" in page


def test_a_consent_withdrawn_before_the_session_does_not_count(serena, alice_client, alice_session):
    consent = sign(alice_client, now=alice_session.start - timedelta(days=3))
    consent_withdraw(
        consent=consent,
        reason="Changed her mind.",
        withdrawn_at=alice_session.start - timedelta(days=1),
    )
    consents = session_consents(alice_session, INTRAORAL.areas)
    assert consents.missing_kinds == ["intraoral"] and consents.gaps[0].withdrawn_at is None
    assert consents.withdrawn_during == ()


def test_a_consent_withdrawn_after_the_session_still_covers_it(serena, alice_client, alice_session):
    consent = sign(alice_client, now=alice_session.start - timedelta(days=3))
    consent_withdraw(consent=consent, reason="No more mouth work, thank you.")
    assert session_consents(alice_session, INTRAORAL.areas).gaps == ()
