"""POST /api/v1/bookings (DESIGN.md §4). The clock is NOW: Wednesday 2027-03-03 12:00 Toronto."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from craniocare.bookings.access import booking_by_manage_token
from craniocare.bookings.models import Booking, Source
from tests.bookings.fixtures import BookFn
from tests.clock import NEXT_MONDAY, toronto

from .helpers import booking_body, post_json

pytestmark = pytest.mark.django_db


def test_it_books_an_offered_slot(client: Client, session60: Any, practice: Any) -> None:
    response = post_json(client, "/bookings", booking_body(notes="Headaches", first_visit=True))
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"uid", "status", "service", "practitioner", "start", "end", "manage_url"}
    assert body["status"] == "confirmed"
    assert body["service"] == "craniosacral-60"
    assert body["practitioner"] == "serena"
    assert body["start"] == "2027-03-08T10:00:00-05:00"
    assert body["end"] == "2027-03-08T11:00:00-05:00"
    booking = Booking.objects.get(uid=body["uid"])
    assert booking.source == Source.API
    assert booking.notes == "Headaches" and booking.first_visit
    assert booking.booked_tz == "America/Toronto"  # the practice's zone when none is given


def test_it_answers_with_the_offset_the_start_was_sent_in(client: Client, session60: Any) -> None:
    """A slot start copied from an availability answer in London comes back unchanged."""
    body = booking_body(start="2027-03-08T15:00:00+00:00")
    response = post_json(client, "/bookings", body)
    assert response.status_code == 201
    assert response.json()["start"] == "2027-03-08T15:00:00+00:00"
    assert response.json()["end"] == "2027-03-08T16:00:00+00:00"


def test_it_answers_an_absolute_manage_url_with_a_working_token(
    client: Client, session60: Any
) -> None:
    body = post_json(client, "/bookings", booking_body()).json()
    url = urlsplit(body["manage_url"])
    assert url.scheme in {"http", "https"} and url.netloc == "testserver"
    assert url.path == f"/bookings/{body['uid']}/manage/"
    (token,) = parse_qs(url.query)["token"]
    assert booking_by_manage_token(body["uid"], token) is not None
    assert client.get(f"{url.path}?{url.query}").status_code == 200


def test_it_answers_in_the_zone_the_client_gives(client: Client, session60: Any) -> None:
    body = booking_body(start="2027-03-08T15:00:00Z", timezone="Asia/Kolkata")
    response = post_json(client, "/bookings", body)
    assert response.status_code == 201
    assert response.json()["start"] == "2027-03-08T20:30:00+05:30"
    assert Booking.objects.get().booked_tz == "Asia/Kolkata"


def test_it_books_a_named_practitioner(client: Client, session60: Any) -> None:
    response = post_json(client, "/bookings", booking_body(practitioner="serena"))
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("start", "why"),
    [
        ("2027-03-08T10:15:00-05:00", "off-grid"),
        ("2027-03-01T10:00:00-05:00", "past"),
        ("2027-03-03T14:00:00-05:00", "inside the notice"),
        ("2027-03-08T12:00:00-05:00", "lunch"),
        ("2027-03-07T10:00:00-05:00", "Sunday"),
        ("2028-03-08T10:00:00-05:00", "beyond the window"),
        ("1900-01-01T00:00:00Z", "long ago"),
        ("9999-12-31T23:59:59Z", "the end of time"),
        ("9999-12-31T23:59:59-05:00", "past the end of time in UTC"),
        ("0001-01-01T00:00:00+05:00", "before the beginning of time in UTC"),
    ],
)
def test_it_answers_409_for_a_start_that_is_not_offered(
    client: Client, session60: Any, start: str, why: str
) -> None:
    response = post_json(client, "/bookings", booking_body(start=start))
    assert response.status_code == 409, why
    assert response.json()["error"] == "slot_unavailable"
    assert not Booking.objects.exists()


def test_it_answers_409_for_a_taken_slot(client: Client, book: BookFn) -> None:
    book(toronto(NEXT_MONDAY, 10))
    body = booking_body(client={"name": "Bob", "email": "bob@example.com"})
    response = post_json(client, "/bookings", body)
    assert response.status_code == 409
    assert response.json() == {
        "error": "slot_unavailable",
        "detail": "The start is not an offered slot (taken, off-grid, past, inside notice, "
        "outside hours).",
    }


def test_it_answers_404_for_an_unknown_service(client: Client, session60: Any) -> None:
    response = post_json(client, "/bookings", booking_body(service="reiki"))
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_it_answers_404_for_an_unknown_practitioner(client: Client, session60: Any) -> None:
    response = post_json(client, "/bookings", booking_body(practitioner="nobody"))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"service": None}, "service"),
        ({"start": "next monday"}, "start"),
        ({"start": "2027-03-08T10:00:00"}, "start"),  # no offset
        ({"client": {"name": "Alice"}}, "email"),
        ({"client": {"name": "", "email": "alice@example.com"}}, "name"),
        ({"client": {"name": "Alice", "email": "not an email"}}, "email"),
        ({"client": "alice"}, "client"),
        ({"notes": "x" * 2001}, "notes"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"idempotency_key": "k" * 256}, "idempotency_key"),
        ({"client": {"name": "Al\x00ice", "email": "alice@example.com"}}, "name"),
    ],
)
def test_it_answers_422_for_an_invalid_body(
    client: Client, session60: Any, change: dict[str, Any], field: str
) -> None:
    response = post_json(client, "/bookings", booking_body(**change))
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid"
    assert isinstance(body["detail"], list) and body["detail"]
    assert any(field in item["loc"] for item in body["detail"]), body
    assert not Booking.objects.exists()


@pytest.mark.parametrize("raw", [b"", b"{", b"[]", b"null", b'"text"', b"\xff\xfe"])
def test_it_answers_400_or_422_for_a_body_that_is_not_an_object(
    client: Client, session60: Any, raw: bytes
) -> None:
    response = client.post("/api/v1/bookings", raw, content_type="application/json")
    assert response.status_code in {400, 422}
    assert response.json()["error"] in {"bad_request", "invalid"}


class TestIdempotency:
    def test_it_returns_the_same_booking_for_a_repeated_key_and_body(
        self, client: Client, session60: Any
    ) -> None:
        body = booking_body(idempotency_key="retry-me")
        first = post_json(client, "/bookings", body)
        again = post_json(client, "/bookings", body)
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json()
        assert again["Idempotent-Replayed"] == "true"
        assert Booking.objects.count() == 1

    def test_it_answers_409_for_a_repeated_key_with_another_body(
        self, client: Client, session60: Any
    ) -> None:
        post_json(client, "/bookings", booking_body(idempotency_key="retry-me"))
        other = booking_body(idempotency_key="retry-me", start="2027-03-08T14:00:00-05:00")
        response = post_json(client, "/bookings", other)
        assert response.status_code == 409
        assert response.json()["error"] == "idempotency_conflict"
        assert Booking.objects.count() == 1
