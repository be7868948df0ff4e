from __future__ import annotations

import pytest
from django.test import Client

from .helpers import API

pytestmark = pytest.mark.django_db


def test_it_serves_the_openapi_schema(client: Client) -> None:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["version"] == "1"
    assert set(schema["paths"]) == {
        "/api/v1/services",
        "/api/v1/availability",
        "/api/v1/bookings",
        "/api/v1/bookings/{uid}/cancel",
    }
    parameters = {p["name"] for p in schema["paths"]["/api/v1/availability"]["get"]["parameters"]}
    assert parameters == {"service", "start", "end", "tz", "practitioner"}


def test_it_serves_no_docs_page_that_would_load_a_cdn(client: Client) -> None:
    assert client.get(f"{API}/docs").status_code == 404
