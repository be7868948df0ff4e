"""Fuzzing the public API with hypothesis: whatever the query string, body or header, no answer
is a 5xx, and every error answer has the {"error", "detail"} shape (DESIGN.md rule 7).

Inputs mix values that are nearly right (real slugs, dates, zones, slot starts) with arbitrary
text and JSON, so the fuzz reaches past the first validation into the services.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from craniocare.bookings.models import Booking
from tests.bookings.fixtures import BookFn
from tests.clock import NEXT_MONDAY, toronto

from .helpers import API

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(max_size=40)
slugs = st.sampled_from(["craniosacral-60", "serena", "nobody", "", "x" * 300, "%00", "../"])
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2027-03-08", "2027-05-09", "2027-02-30", "9999-12-31", "0001-01-01"]),
    text,
)
zones = (
    st.sampled_from(
        [
            "America/Toronto",
            "Europe/London",
            "Asia/Kolkata",
            "UTC",
            "Pacific/Chatham",
            "Mars/Base",
            "",
            "../etc",
            "Etc/GMT+14",
            "\x00",
        ]
    )
    | text
)
instants = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(
        [
            "2027-03-08T10:00:00-05:00",
            "2027-03-08T10:00:00",
            "9999-12-31T23:59:59-05:00",
            "0001-01-01T00:00:00+05:00",
            "2027-03-08T10:00:00+23:59",
            "2027-03-08",
        ]
    ),
    st.integers(),
    text,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3),
    max_leaves=8,
)


def booking_bodies() -> st.SearchStrategy[Any]:
    client = st.fixed_dictionaries(
        {},
        optional={
            "name": st.one_of(text, st.just("Alice"), json_values),
            "email": st.one_of(st.emails(), text, json_values),
            "phone": st.one_of(text, json_values),
        },
    )
    body = st.fixed_dictionaries(
        {},
        optional={
            "service": st.one_of(slugs, json_values),
            "start": instants,
            "practitioner": st.one_of(slugs, st.none(), json_values),
            "client": st.one_of(client, json_values),
            "notes": st.one_of(text, json_values),
            "first_visit": json_values,
            "timezone": zones,
            "idempotency_key": st.one_of(text, st.none(), json_values),
        },
    )
    return st.one_of(body, json_values)


def assert_clean(response: Any) -> None:
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error", "detail"}, body
        assert isinstance(body["error"], str) and body["error"]


@pytest.fixture
def world(client: Client, book: BookFn) -> Client:
    """The demo-like service, a booking, and the HTTP client."""
    book(toronto(NEXT_MONDAY, 10))
    return client


def test_it_never_fails_on_availability_queries(world: Client) -> None:
    params = st.fixed_dictionaries(
        {},
        optional={
            "service": slugs | text,
            "start": dates,
            "end": dates,
            "tz": zones,
            "practitioner": slugs | text,
            text.filter(bool): text,
        },
    )

    @FUZZ
    @given(params)
    def check(query: dict[str, str]) -> None:
        assert_clean(world.get(f"{API}/availability?{urlencode(query)}"))

    check()


def test_it_never_fails_on_raw_query_strings(world: Client) -> None:
    @FUZZ
    @given(st.text(max_size=200))
    def check(raw: str) -> None:
        assert_clean(
            world.get(
                f"{API}/availability",
                QUERY_STRING=raw.encode("utf-8", "surrogatepass").decode("latin-1"),
            )
        )
        assert_clean(
            world.get(
                f"{API}/services",
                QUERY_STRING=raw.encode("utf-8", "surrogatepass").decode("latin-1"),
            )
        )

    check()


def test_it_never_fails_on_booking_bodies(world: Client) -> None:
    @FUZZ
    @given(booking_bodies())
    def check(body: Any) -> None:
        response = world.post(f"{API}/bookings", json.dumps(body), content_type="application/json")
        assert_clean(response)

    check()


def test_it_never_fails_on_raw_bodies(world: Client) -> None:
    @FUZZ
    @given(st.binary(max_size=300), st.sampled_from(["application/json", "text/plain", ""]))
    def check(raw: bytes, content_type: str) -> None:
        assert_clean(world.post(f"{API}/bookings", raw, content_type=content_type))

    check()


def test_it_never_fails_on_cancel_requests(world: Client) -> None:
    uid = Booking.objects.get().uid

    @FUZZ
    @given(
        st.one_of(
            st.just(uid), text.filter(lambda s: "/" not in s and "?" not in s and "#" not in s)
        ),
        st.one_of(st.none(), text, st.just("Bearer x")),
        st.one_of(st.none(), json_values),
    )
    def check(target: str, authorization: str | None, body: Any) -> None:
        headers = {"Authorization": authorization} if authorization is not None else {}
        path = f"{API}/bookings/{target}/cancel"
        if body is None:
            response = world.post(path, headers=headers)
        else:
            response = world.post(path, json.dumps(body), content_type="application/json",
                                  headers=headers)  # fmt: skip
        assert response.status_code in {403, 404, 405, 409, 429} or response.status_code < 500
        if response.status_code != 404 or response.headers.get("Content-Type", "").startswith(
            "application/json"
        ):
            assert_clean(response)

    check()
    assert Booking.objects.get().status == "confirmed"
