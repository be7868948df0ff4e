"""Public endpoints are rate limited per IP address (settings.RATELIMITS)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from .helpers import API, booking_body, post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_limits(settings: Any) -> None:
    settings.RATELIMITS_ENABLED = True
    settings.RATELIMITS = {**settings.RATELIMITS, "api_read": (3, 60), "api_booking": (2, 60)}


def test_it_limits_reads_per_address(client: Client, tight_limits: None) -> None:
    answers = [client.get(f"{API}/services").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = client.get(f"{API}/services")
    assert limited.json() == {
        "error": "rate_limited",
        "detail": "Too many requests; try again shortly.",
    }
    assert int(limited["Retry-After"]) >= 1
    other = client.get(f"{API}/services", REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


def test_it_limits_booking_attempts(client: Client, session60: Any, tight_limits: None) -> None:
    answers = [
        post_json(client, "/bookings", booking_body(start="2027-03-08T10:15:00-05:00")).status_code
        for _ in range(3)
    ]
    assert answers == [409, 409, 429]


def test_it_lets_everything_through_when_limits_are_off(client: Client, settings: Any) -> None:
    settings.RATELIMITS_ENABLED = False
    settings.RATELIMITS = {**settings.RATELIMITS, "api_read": (1, 60)}
    assert {client.get(f"{API}/services").status_code for _ in range(5)} == {200}
