"""POST /api/v1/bookings/{uid}/cancel with the manage token as a bearer token."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client

from craniocare.bookings.models import Booking, Status
from craniocare.bookings.services import booking_set_outcome

from .helpers import API, booking_body, post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(client: Client, session60: Any) -> tuple[str, str]:
    """(uid, token) of Monday 10:00, booked through the API."""
    body = post_json(client, "/bookings", booking_body()).json()
    (token,) = parse_qs(urlsplit(body["manage_url"]).query)["token"]
    return body["uid"], token


def cancel(http: Client, uid: str, token: str | None, body: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    if body is None:
        return http.post(f"{API}/bookings/{uid}/cancel", headers=headers)
    return post_json(http, f"/bookings/{uid}/cancel", body, **headers)


def test_it_cancels_with_the_manage_token(client: Client, booked: tuple[str, str]) -> None:
    uid, token = booked
    response = cancel(client, uid, token)
    assert response.status_code == 200
    assert response.json() == {"uid": uid, "status": "cancelled"}
    assert Booking.objects.get(uid=uid).status == Status.CANCELLED


def test_it_records_the_reason(client: Client, booked: tuple[str, str]) -> None:
    uid, token = booked
    assert cancel(client, uid, token, {"reason": "Away that week"}).status_code == 200
    assert Booking.objects.get(uid=uid).cancellation_reason == "Away that week"


def test_it_offers_the_slot_again_at_once(client: Client, booked: tuple[str, str]) -> None:
    uid, token = booked
    query = {"service": "craniosacral-60", "tz": "America/Toronto", "start": "2027-03-08",
             "end": "2027-03-08"}  # fmt: skip
    before = client.get(f"{API}/availability", query).json()["slots"]
    cancel(client, uid, token)
    after = client.get(f"{API}/availability", query).json()["slots"]
    assert "2027-03-08T10:00:00-05:00" not in [s["start"] for s in before]
    assert "2027-03-08T10:00:00-05:00" in [s["start"] for s in after]
    retry = post_json(client, "/bookings", booking_body(client={"name": "Bob", "email": "b@x.org"}))
    assert retry.status_code == 201


@pytest.mark.parametrize("token", [None, "", "wrong", "Bearer", "x" * 1000])
def test_it_answers_a_wrong_token_as_it_answers_an_unknown_booking(
    client: Client, booked: tuple[str, str], token: str | None
) -> None:
    """Issue 7: one answer for both (404, as DESIGN §4 allows), so a uid cannot be confirmed."""
    uid, _ = booked
    response = cancel(client, uid, token)
    unknown = cancel(client, "no-such-booking", token)
    assert response.status_code == unknown.status_code == 404
    assert response.json() == unknown.json()
    assert response.json()["error"] == "not_found"
    assert Booking.objects.get(uid=uid).status == Status.CONFIRMED


def test_it_answers_404_for_another_scheme(client: Client, booked: tuple[str, str]) -> None:
    uid, token = booked
    response = client.post(
        f"{API}/bookings/{uid}/cancel", headers={"Authorization": f"Basic {token}"}
    )
    assert response.status_code == 404


def test_it_answers_404_for_an_unknown_booking(client: Client, booked: tuple[str, str]) -> None:
    _, token = booked
    response = cancel(client, "no-such-booking", token)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_it_answers_409_inside_the_cutoff(client: Client, booked: tuple[str, str]) -> None:
    uid, token = booked
    start = Booking.objects.get(uid=uid).start
    with time_machine.travel(start - timedelta(hours=23), tick=False):
        response = cancel(client, uid, token)
    assert response.status_code == 409
    assert response.json()["error"] == "cancellation_window_passed"
    assert Booking.objects.get(uid=uid).status == Status.CONFIRMED


def test_it_answers_200_again_for_a_cancelled_booking(
    client: Client, booked: tuple[str, str]
) -> None:
    uid, token = booked
    cancel(client, uid, token)
    response = cancel(client, uid, token)
    assert response.status_code == 200
    assert response.json() == {"uid": uid, "status": "cancelled"}


def test_it_answers_409_for_a_completed_session(client: Client, booked: tuple[str, str]) -> None:
    uid, token = booked
    booking = Booking.objects.get(uid=uid)
    booking_set_outcome(booking=booking, status=Status.COMPLETED, now=booking.end)
    response = cancel(client, uid, token)
    assert response.status_code == 409
    assert response.json()["error"] == "not_changeable"
