"""Intake and consent write the audit trail: one "view" event per page a practitioner opens,
one event per change, in the transaction of the change."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from craniocare.audit.models import AuditEvent
from craniocare.intake.selectors import current_document, current_template
from craniocare.intake.services import (
    consent_document_publish,
    consent_give,
    consent_withdraw,
    intake_save,
)
from tests.intake.helpers import complete_answers, sign, submit_intake

pytestmark = pytest.mark.django_db


def _events(client_id: int | None = None, action: str | None = None) -> list[AuditEvent]:
    events = AuditEvent.objects.all()
    if client_id is not None:
        events = events.filter(client_id=client_id)
    if action is not None:
        events = events.filter(action=action)
    return list(events)


def test_it_writes_exactly_one_view_event_per_intake_page_view(
    office_client, serena, alice_booking
):
    client = alice_booking.client
    submission = submit_intake(client)
    sign(client)
    practitioner = office_client(serena)
    before = len(_events(client.pk, "view"))
    assert practitioner.get(reverse("office:intake_client", args=[client.pk])).status_code == 200
    views = _events(client.pk, "view")
    assert len(views) == before + 1
    assert views[-1].actor == serena and views[-1].object_id == ""
    url = reverse("office:intake_submission", args=[submission.pk])
    assert practitioner.get(url).status_code == 200
    views = _events(client.pk, "view")
    assert len(views) == before + 2
    assert views[-1].object_id == str(submission.pk)


def test_a_refused_view_writes_no_event(office_client, maya, alice_booking):
    before = AuditEvent.objects.count()
    url = reverse("office:intake_client", args=[alice_booking.client_id])
    assert office_client(maya).get(url).status_code == 404
    assert AuditEvent.objects.count() == before


def test_each_intake_change_writes_one_event(alice_booking):
    client = alice_booking.client
    template = current_template()
    answers = complete_answers()
    before = len(_events(client.pk))
    for n, (section, given) in enumerate(answers.items(), start=1):
        draft = intake_save(
            client=client, template=template, section=section, answers=given, complete=True
        )
        assert len(_events(client.pk)) == before + n
    submit_intake(client)  # saves each section again (6) and submits (1)
    events = _events(client.pk)
    assert len(events) == before + 2 * len(answers) + 1
    assert events[-1].action == "change" and "submitted" in events[-1].detail
    assert events[-1].actor_label == "the client"
    assert draft.pk == int(events[-1].object_id)


def test_a_refused_change_writes_no_event(alice_booking):
    client = alice_booking.client
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        intake_save(
            client=client,
            template=current_template(),
            section="goals",
            answers={"goals": ""},
            complete=True,
        )
    with pytest.raises(ValidationError):
        consent_give(
            client=client,
            document=current_document("intraoral"),
            full_name="",
            signature_text="",
        )
    assert AuditEvent.objects.count() == before


def test_consent_given_and_withdrawn_write_one_event_each(alice_booking, serena):
    client = alice_booking.client
    before = len(_events(client.pk))
    consent = sign(client)
    given = _events(client.pk)
    assert len(given) == before + 1
    assert given[-1].action == "create" and given[-1].object_id == str(consent.pk)
    assert "Knee pain" not in given[-1].detail
    consent_withdraw(consent=consent, reason="Private reason: knee pain.", withdrawn_by=serena)
    withdrawn = _events(client.pk)
    assert len(withdrawn) == before + 2
    assert withdrawn[-1].actor == serena and withdrawn[-1].action == "change"
    assert "knee" not in withdrawn[-1].detail  # the reason stays out of the trail


def test_publishing_a_consent_text_writes_one_event(serena):
    before = AuditEvent.objects.count()
    document = consent_document_publish(
        kind="intraoral", title="Intraoral work", body="New text.", published_by=serena
    )
    events = list(AuditEvent.objects.filter(seq__gt=before))
    assert len(events) == 1
    assert events[0].client_id is None and events[0].object_id == str(document.pk)
