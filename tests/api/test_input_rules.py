"""The API refuses what the forms refuse (issue 7 §3): names with line breaks, phone numbers with
markup, zones nobody lives in; and whether a booking notifies is never read from its body."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from craniocare.bookings.models import Booking

from .helpers import booking_body, post_json

pytestmark = pytest.mark.django_db


def client_with(**changes: str) -> dict[str, str]:
    return {"name": "Alice Martin", "email": "alice@example.com", **changes}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"client": client_with(name="Alice\r\nBcc: x@example.com")}, "name"),
        ({"client": client_with(name="Alice\u2028Martin")}, "name"),
        ({"client": client_with(phone="<b>416</b> 555 0101")}, "phone"),
        ({"client": client_with(phone="javascript:alert(1)")}, "phone"),
        ({"timezone": "localtime"}, "timezone"),
        ({"timezone": "Factory"}, "timezone"),
        ({"timezone": "posixrules"}, "timezone"),
        ({"timezone": "Etc/GMT+5"}, "timezone"),
        ({"notes": "fine\x07"}, "notes"),
    ],
)
def test_it_refuses_what_the_forms_refuse(
    client: Client, session60: Any, changes: dict[str, Any], field: str
) -> None:
    response = post_json(client, "/bookings", booking_body(**changes))
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["error"] == "invalid"
    assert any(field in item["loc"] for item in body["detail"]), body
    assert not Booking.objects.exists()


def test_it_accepts_a_phone_number_with_an_extension(client: Client, session60: Any) -> None:
    body = booking_body(client=client_with(phone="+1 (416) 555-0101 ext. 12"))
    assert post_json(client, "/bookings", body).status_code == 201


@pytest.mark.parametrize("zone", ["localtime", "Factory", "US/Eastern", "Etc/UTC"])
def test_it_refuses_availability_in_zones_nobody_lives_in(
    client: Client, session60: Any, zone: str
) -> None:
    response = client.get(
        "/api/v1/availability",
        {"service": "craniosacral-60", "start": "2027-03-08", "end": "2027-03-08", "tz": zone},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_timezone"


def test_a_booking_with_the_demo_key_prefix_still_sends_its_emails(
    client: Client, session60: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = booking_body(idempotency_key="demo-seed:mallory-switches-mail-off")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, "/bookings", body)
    assert response.status_code == 201
    recipients = {m["X-Envelope-To"] for m in smtp_server.wait_for(2)}
    assert "alice@example.com" in recipients
