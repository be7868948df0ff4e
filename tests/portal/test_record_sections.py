"""The client's own record holds their intake answers, consents, signed notes with addenda and
the log of who opened it; nothing of another client and no draft."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from craniocare.audit.models import AuditEvent
from craniocare.portal.export import record_data
from tests.portal.pdf_text import pdf_text
from tests.portal.records import bob_traces, records, signed_in

__all__ = ["records"]

pytestmark = pytest.mark.django_db


def alice_json(alice, records):
    response = signed_in(alice).get(reverse("portal:record_json"))
    assert response.status_code == 200
    return response.content.decode(), json.loads(response.content)["sections"]


def test_it_lists_the_sections_in_order(alice, records):
    _, sections = alice_json(alice, records)
    assert list(sections) == ["client", "bookings", "intake", "consents", "notes", "access_log"]


def test_it_holds_every_submitted_intake_revision_with_its_version_and_answers(alice, records):
    _, sections = alice_json(alice, records)
    intake = sections["intake"]["data"]
    assert [row["revision"] for row in intake] == [s.revision for s in records["alice"].submissions]
    version = records["alice"].submissions[0].template.version
    assert {row["form_version"] for row in intake} == {version}
    answers = {
        a["question"]: a["answer"] for section in intake[1]["sections"] for a in section["answers"]
    }
    assert "Alice's later goals." in answers.values()
    assert "Yes" in answers.values() and "9 / 10" in answers.values()  # in words, not codes
    first = [a["answer"] for s in intake[0]["sections"] for a in s["answers"]]
    assert "Alice's first goals." in first and "Alice's later goals." not in first


def test_it_holds_each_consent_with_its_exact_text_hash_and_withdrawal(alice, records):
    _, sections = alice_json(alice, records)
    general, intraoral = sections["consents"]["data"]
    [given, withdrawn] = records["alice"].consents
    assert general["text"] == given.document.body
    assert general["text_sha256"] == given.text_hash == given.document.text_hash
    assert general["typed_name"] == "Alice Martin" and general["signature_kind"] == "Typed"
    assert general["signature_text"] == "Alice Martin"
    assert general["withdrawn"] is False and general["withdrawn_at"] is None
    assert intraoral["withdrawn"] is True
    assert intraoral["withdrawn_at"] == withdrawn.withdrawn_at.isoformat()
    assert intraoral["withdrawal_reason"] == "Alice's would rather wait."
    assert intraoral["version"] == withdrawn.document_version


def test_it_holds_signed_notes_with_addenda_and_no_draft(alice, records):
    content, sections = alice_json(alice, records)
    notes = sections["notes"]["data"]
    assert [n["content_sha256"] for n in notes] == [n.content_hash for n in records["alice"].notes]
    older = notes[0]
    assert older["what_you_reported"] == "Alice's jaw tight."
    assert older["areas_worked"] == ["Jaw / TMJ, left", "Sacrum", "Diaphragm"]
    assert "Still point" in older["techniques"] and older["signed_by"] == "Serena Hale"
    [addendum] = older["addenda"]
    assert (addendum["reason"], addendum["text"], addendum["author"]) == (
        "Alice's correction",
        "Alice's addendum.",
        "Serena Hale",
    )
    assert notes[1]["addenda"] == []
    assert "draft, not yet signed" not in content


def test_the_access_log_says_who_and_when_without_addresses(alice, records):
    client = records["alice"].client
    signed_in(alice).get(reverse("portal:home"))  # her own visit, from 127.0.0.1
    log = record_data(client=client, now=client.created_at)["sections"]["access_log"]["data"]
    events = list(AuditEvent.objects.for_client(client).order_by("seq"))
    assert len(log) == len(events) > 0
    # Her intake and consents through her link are hers; the withdrawal the fixture records
    # without a person is the practice's.
    assert {row["who"] for row in log} == {"Serena Hale", "You", "The practice"}
    assert log[-1] == {
        "who": "You",
        "what": "Viewed your record",
        "action": "view",
        "at": events[-1].at.isoformat(),
        "when": log[-1]["when"],
        "moment": log[-1]["moment"],
    }
    assert any(row["what"] == "Signed a session note" for row in log)
    assert "127.0.0.1" not in json.dumps(log) and "serena@" not in json.dumps(log)


def test_the_json_holds_nothing_of_another_client(alice, records):
    content, _ = alice_json(alice, records)
    for trace in bob_traces(records):
        assert trace not in content, trace


def test_the_pdf_prints_every_section_and_nothing_of_another_client(alice, records):
    response = signed_in(alice).get(reverse("portal:record_pdf"))
    assert response.status_code == 200
    content = pdf_text(response.content)
    for expected in (
        "Your intake forms",
        "Alice's later goals.",
        "Your consents",
        "Alice's would rather wait.",
        "Your session notes",
        "Alice's jaw tight.",
        "Alice's addendum.",
        "Who opened your record",
        "Serena Hale",
    ):
        assert expected in content, expected
    assert records["alice"].consents[0].text_hash in content.replace(" ", "")  # may wrap
    assert "draft, not yet signed" not in content
    for trace in bob_traces(records):
        assert trace not in content and trace not in content.replace(" ", ""), trace
