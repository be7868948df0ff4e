"""A client's copy of their record as a FHIR R4 Bundle (type "collection"): their Patient, then
what each registered section contributes (craniocare/clients/records.py, ``fhir=``):
QuestionnaireResponse per submitted intake, Consent per consent, Composition per signed note and
addendum with a Provenance per signature, AuditEvent per access; the Practitioner of each staff
member those name, once.

Resources are plain dicts; every reference inside the bundle is a ``urn:uuid:`` full URL, made
from the kind and key of what it names, so a resource keeps its full URL from one download to
the next. Empty values
(None, "", [], {}) are dropped, since FHIR allows none. The tests validate the bundle with the
``fhir.resources`` models (R4B, the R4 release whose resources used here are R4's).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from craniocare.clients.models import Client
from craniocare.clients.records import record_sections

NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-5c7d-9e0f-1a2b3c4d5e6f")
FULL_URL_KEY = "_full_url"  # a section may name its resource's full URL (to refer to it)


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_clean(item) for item in value) if v not in (None, "", [], {})]
    return value


class BundleRefs:
    """The `FhirRefs` of one bundle: full URLs by kind and key, Practitioners added once."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.practitioners: dict[int, dict[str, Any]] = {}

    def full_url(self, kind: str, key: object) -> str:
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{key}')}"

    def ref(self, kind: str, key: object) -> dict[str, str]:
        return {"reference": self.full_url(kind, key)}

    @property
    def patient(self) -> dict[str, str]:
        return self.ref("client", self.client.pk)

    def practitioner(self, user: Any) -> dict[str, str]:
        if user is None:
            return {"display": "The practice"}
        name = user.get_full_name() or "A practitioner of the practice"
        if user.pk not in self.practitioners:
            self.practitioners[user.pk] = {
                "resourceType": "Practitioner",
                "name": [{"text": name}],
                FULL_URL_KEY: self.full_url("staff", user.pk),
            }
        return {**self.ref("staff", user.pk), "display": name}


def patient_of(client: Client, refs: BundleRefs) -> dict[str, Any]:
    telecom = []
    if client.email:
        telecom.append({"system": "email", "value": client.email})
    if client.phone:
        telecom.append({"system": "phone", "value": client.phone})
    return {
        "resourceType": "Patient",
        "name": [{"text": client.name}],
        "telecom": telecom,
        FULL_URL_KEY: refs.full_url("client", client.pk),
    }


def record_bundle(*, client: Client, now: datetime) -> dict[str, Any]:
    """The client's record as a FHIR R4 Bundle (a dict ready for JSON)."""
    refs = BundleRefs(client)
    resources = [patient_of(client, refs)]
    for section in record_sections():
        if section.fhir is not None:
            resources.extend(section.fhir(client, refs))
    resources[1:1] = list(refs.practitioners.values())
    entries = []
    for resource in resources:
        body = dict(resource)
        full_url = body.pop(FULL_URL_KEY, "") or f"urn:uuid:{uuid.uuid4()}"
        entries.append({"fullUrl": full_url, "resource": _clean(body)})
    return {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"},
        "type": "collection",
        "timestamp": now.isoformat(),
        "entry": entries,
    }


def record_fhir_json(*, client: Client, now: datetime) -> bytes:
    data = record_bundle(client=client, now=now)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
