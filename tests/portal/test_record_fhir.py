"""The client's record as a FHIR R4 Bundle: it validates with the fhir.resources models (R4B,
the 4.x release the package ships; the resources used are R4's), has one resource per intake
revision, consent, signed note, addendum, signature and access, and nothing of another client."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from django.urls import reverse
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from craniocare.audit.models import AuditEvent
from tests.portal.records import bob_traces, records, signed_in

__all__ = ["records"]

pytestmark = pytest.mark.django_db


def download(user):
    response = signed_in(user).get(reverse("portal:record_fhir"))
    assert response.status_code == 200
    return response


def test_it_downloads_a_bundle_that_validates(alice, records):
    response = download(alice)
    assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
    assert response["Content-Disposition"].endswith('.fhir.json"')
    data = json.loads(response.content)
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection"
    for entry in data["entry"]:  # each resource against its own model, too
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def test_it_has_one_resource_per_record_item(alice, records):
    data = json.loads(download(alice).content)
    alice_record = records["alice"]
    events = AuditEvent.objects.for_client(alice_record.client).count() - 1  # not this export
    counts = Counter(entry["resource"]["resourceType"] for entry in data["entry"])
    assert counts == {
        "Patient": 1,
        "Practitioner": 1,  # Serena, named once
        "QuestionnaireResponse": len(alice_record.submissions),
        "Consent": len(alice_record.consents),
        "Composition": len(alice_record.notes) + len(alice_record.addenda),
        "Provenance": len(alice_record.notes),
        "AuditEvent": events,
    }
    urls = [entry["fullUrl"] for entry in data["entry"]]
    assert len(set(urls)) == len(urls)


def test_references_point_inside_the_bundle(alice, records):
    data = json.loads(download(alice).content)
    urls = {entry["fullUrl"] for entry in data["entry"]}
    text = json.dumps(data)
    references = {part.split('"')[0] for part in text.split('"reference": "')[1:]}
    assert references and references <= urls


def test_consents_are_active_until_withdrawn_and_carry_the_text_hash(alice, records):
    data = json.loads(download(alice).content)
    consents = [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "Consent"]
    given, withdrawn = records["alice"].consents
    by_status = {c["status"]: c for c in consents}
    assert set(by_status) == {"active", "inactive"}
    for consent, row in ((by_status["active"], given), (by_status["inactive"], withdrawn)):
        [extension] = consent["sourceAttachment"]["extension"]
        assert extension["valueString"] == row.text_hash
    assert by_status["inactive"]["provision"]["period"]["end"] == (
        withdrawn.withdrawn_at.isoformat()
    )
    assert "end" not in by_status["active"]["provision"]["period"]


def test_each_signed_note_has_a_provenance_for_its_signature(alice, records):
    data = json.loads(download(alice).content)
    by_url = {e["fullUrl"]: e["resource"] for e in data["entry"]}
    provenances = [r for r in by_url.values() if r["resourceType"] == "Provenance"]
    signed = {note.content_hash for note in records["alice"].notes}
    assert {p["extension"][0]["valueString"] for p in provenances} == signed
    for provenance in provenances:
        note = by_url[provenance["target"][0]["reference"]]
        assert note["resourceType"] == "Composition" and note["status"] == "final"
        assert by_url[provenance["signature"][0]["who"]["reference"]]["name"] == [
            {"text": "Serena Hale"}
        ]
    appended = [r for r in by_url.values() if r.get("relatesTo")]
    assert [r["relatesTo"][0]["code"] for r in appended] == ["appends"]


def test_the_bundle_holds_nothing_of_another_client_and_no_draft(alice, records):
    content = download(alice).content.decode()
    for trace in bob_traces(records):
        assert trace not in content, trace
    assert "draft, not yet signed" not in content
    assert "127.0.0.1" not in content


def test_each_download_writes_exactly_one_audit_event(alice, records):
    client = records["alice"].client
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    download(alice)
    [event] = AuditEvent.objects.exclude(pk__in=before)
    assert (event.client_id, event.actor_id, event.action, event.detail) == (
        client.pk,
        alice.pk,
        "export",
        "The client downloaded their record (FHIR).",
    )


def test_the_portal_links_the_fhir_download(alice, records):
    page = signed_in(alice).get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:record_fhir")}"' in page
    assert "Download my record (FHIR)" in page
