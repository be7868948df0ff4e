"""The client's copy of their record (JSON, PDF, FHIR) keeps the exact text and fingerprint of
the consent version they signed after the practice publishes a newer one: version 1's words,
never version 2's, until they sign version 2 too."""

from __future__ import annotations

import base64
import json

import pytest
from django.urls import reverse

from craniocare.clients.models import Client
from craniocare.intake.models import Consent
from craniocare.intake.services import consent_document_publish
from tests.intake.helpers import sign
from tests.portal.pdf_text import pdf_text
from tests.portal.records import signed_in

pytestmark = pytest.mark.django_db

SECOND = "SECONDTEXT: the practice's newer words for work inside the mouth."


@pytest.fixture
def signed_v1(alice, serena) -> Consent:
    consent = sign(Client.objects.get(user=alice), "intraoral")
    consent_document_publish(
        kind="intraoral",
        title="Intraoral work, second version",
        body=SECOND,
        renewal_required=True,
        published_by=serena,
    )
    return consent


def _json(alice) -> list[dict]:
    response = signed_in(alice).get(reverse("portal:record_json"))
    assert response.status_code == 200
    return json.loads(response.content)["sections"]["consents"]["data"]


def _fhir_consents(alice) -> list[dict]:
    response = signed_in(alice).get(reverse("portal:record_fhir"))
    assert response.status_code == 200
    entries = json.loads(response.content)["entry"]
    return [e["resource"] for e in entries if e["resource"]["resourceType"] == "Consent"]


def test_the_json_carries_the_signed_versions_text_and_hash(alice, signed_v1):
    [row] = _json(alice)
    first = signed_v1.document
    assert row["version"] == 1 and row["title"] == first.title
    assert row["text"] == first.body
    assert row["text_sha256"] == first.text_hash == signed_v1.text_hash
    assert SECOND not in json.dumps(row)


def test_the_pdf_prints_the_signed_versions_fingerprint_not_the_new_text(alice, signed_v1):
    response = signed_in(alice).get(reverse("portal:record_pdf"))
    assert response.status_code == 200
    content = pdf_text(response.content)
    assert signed_v1.text_hash in content.replace(" ", "")  # may wrap
    assert f"{signed_v1.document.title} (version 1)" in content
    assert "SECONDTEXT" not in content


def test_the_fhir_consent_attaches_the_signed_versions_text(alice, signed_v1):
    [resource] = _fhir_consents(alice)
    attachment = resource["sourceAttachment"]
    assert base64.b64decode(attachment["data"]).decode() == signed_v1.document.body
    assert attachment["title"].endswith("(version 1)")
    [extension] = attachment["extension"]
    assert extension["valueString"] == signed_v1.text_hash


def test_after_signing_the_new_version_each_consent_keeps_its_own_text(alice, signed_v1):
    second = sign(signed_v1.client, "intraoral")
    rows = _json(alice)
    assert [(r["version"], r["text"], r["text_sha256"]) for r in rows] == [
        (1, signed_v1.document.body, signed_v1.text_hash),
        (2, SECOND, second.text_hash),
    ]
    texts = [
        base64.b64decode(r["sourceAttachment"]["data"]).decode() for r in _fhir_consents(alice)
    ]
    assert sorted(texts) == sorted([signed_v1.document.body, SECOND])
