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


def _properties(schema: dict, name: str) -> dict:
    return schema["components"]["schemas"][name]["properties"]


def test_it_gives_every_date_and_date_time_a_format_and_an_example(client: Client) -> None:
    schema = client.get(f"{API}/openapi.json").json()
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/availability"]["get"]["parameters"]
    }
    for name in ("start", "end"):
        assert parameters[name]["format"] == "date", name
        assert parameters[name]["example"], name
    assert _properties(schema, "BookingIn")["start"]["format"] == "date-time"
    assert _properties(schema, "BookingIn")["start"]["example"]
    for component in ("SlotOut", "BookingOut"):
        for name in ("start", "end"):
            assert _properties(schema, component)[name]["format"] == "date-time", component
            assert _properties(schema, component)[name]["example"], component


@pytest.mark.parametrize(
    "path", ["/nothing", "/bookings/abc", "/services/extra/", "/bookings/x/cancel/more"]
)
def test_it_answers_unknown_api_paths_with_the_json_error_shape(client: Client, path: str) -> None:
    for response in (client.get(f"{API}{path}"), client.post(f"{API}{path}")):
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["error"] == "not_found"
        assert set(response.json()) == {"error", "detail"}
