"""GET /api/v1/availability (DESIGN.md §4). The clock is NOW: Wednesday 2027-03-03 12:00 in
Toronto. Serena works Mon-Fri 09:00-12:00 and 13:00-17:00 Toronto time."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
from django.test import Client

from craniocare.accounts.models import User
from craniocare.bookings.services import booking_cancel
from tests.bookings.fixtures import BookFn
from tests.clock import NEXT_MONDAY, toronto
from tests.factories import PractitionerFactory

from .helpers import API

pytestmark = pytest.mark.django_db

MONDAY_STARTS = ["09:00", "09:30", "10:00", "10:30", "11:00",
                 "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"]  # fmt: skip


def get(http: Client, **params: Any) -> Any:
    query = {"service": "craniosacral-60", "tz": "America/Toronto"} | params
    return http.get(f"{API}/availability", query)


def test_it_answers_the_slots_of_a_day(client: Client, session60: Any) -> None:
    response = get(client, start="2027-03-08", end="2027-03-08")
    assert response.status_code == 200
    body = response.json()
    assert body["service"] == "craniosacral-60"
    assert body["timezone"] == "America/Toronto"
    assert body["slots"][0] == {
        "start": "2027-03-08T09:00:00-05:00",
        "end": "2027-03-08T10:00:00-05:00",
        "practitioner": "serena",
    }
    assert [slot["start"][11:16] for slot in body["slots"]] == MONDAY_STARTS


def test_it_includes_both_ends_of_the_date_range(client: Client, session60: Any) -> None:
    # Friday 2027-03-05 to Monday 2027-03-08: Friday and Monday have slots, the weekend none.
    slots = get(client, start="2027-03-05", end="2027-03-08").json()["slots"]
    days = sorted({slot["start"][:10] for slot in slots})
    assert days == ["2027-03-05", "2027-03-08"]
    assert len(slots) == 2 * len(MONDAY_STARTS)


def test_it_answers_an_empty_list_for_a_closed_day(client: Client, session60: Any) -> None:
    response = get(client, start="2027-03-07", end="2027-03-07")  # a Sunday
    assert response.status_code == 200
    assert response.json()["slots"] == []


def test_it_answers_times_with_the_offset_of_the_visitors_zone(
    client: Client, session60: Any
) -> None:
    """Europe/London moves its clocks on 2027-03-28: +00:00 before, +01:00 after. (Friday
    2027-03-26 is Good Friday, a closed public holiday in Ontario, so Thursday is "before".)"""
    slots = get(client, tz="Europe/London", start="2027-03-25", end="2027-03-29").json()["slots"]
    before = [s for s in slots if s["start"].startswith("2027-03-25")]
    after = [s for s in slots if s["start"].startswith("2027-03-29")]
    assert before and after
    assert all(s["start"].endswith("+00:00") and s["end"].endswith("+00:00") for s in before)
    assert all(s["start"].endswith("+01:00") and s["end"].endswith("+01:00") for s in after)
    # 09:00 in Toronto (EDT since 2027-03-14) is 13:00 in London on both sides.
    assert before[0]["start"] == "2027-03-25T13:00:00+00:00"
    assert after[0]["start"] == "2027-03-29T14:00:00+01:00"


def test_it_answers_half_hour_offsets(client: Client, session60: Any) -> None:
    slots = get(client, tz="Asia/Kolkata", start="2027-03-09", end="2027-03-09").json()["slots"]
    assert slots
    assert all(s["start"].endswith("+05:30") for s in slots)
    # Monday 13:00-16:00 Toronto (EST) is 23:30 Monday to 02:30 Tuesday in Kolkata; only the
    # starts that fall on Tuesday 2027-03-09 in Kolkata are answered.
    assert slots[0]["start"] == "2027-03-09T00:00:00+05:30"  # Monday 13:30 in Toronto
    assert all(s["start"].startswith("2027-03-09") for s in slots)


def test_it_keeps_toronto_hours_across_the_dst_change(client: Client, session60: Any) -> None:
    slots = get(client, start="2027-03-12", end="2027-03-15").json()["slots"]
    friday = [s["start"] for s in slots if s["start"].startswith("2027-03-12")]
    monday = [s["start"] for s in slots if s["start"].startswith("2027-03-15")]
    assert friday[0] == "2027-03-12T09:00:00-05:00"
    assert monday[0] == "2027-03-15T09:00:00-04:00"


def test_it_leaves_out_booked_time_and_offers_cancelled_time_again(
    client: Client, book: BookFn
) -> None:
    booking = book(toronto(NEXT_MONDAY, 10)).booking  # blocks 10:00-11:15
    starts = [
        s["start"][11:16] for s in get(client, start="2027-03-08", end="2027-03-08").json()["slots"]
    ]
    # 09:00 would block 09:00-10:15 and 09:30..11:00 overlap too: only the afternoon is left.
    assert starts == MONDAY_STARTS[5:]
    booking_cancel(booking=booking, reason="", by_client=True)
    starts = [
        s["start"][11:16] for s in get(client, start="2027-03-08", end="2027-03-08").json()["slots"]
    ]
    assert starts == MONDAY_STARTS


def test_it_filters_by_practitioner(client: Client, session60: Any) -> None:
    theo = PractitionerFactory(slug="theo", hours=((time(18), time(20)),))
    session60.practitioners.add(theo)
    everyone = get(client, start="2027-03-08", end="2027-03-08").json()["slots"]
    only_theo = get(client, start="2027-03-08", end="2027-03-08", practitioner="theo").json()
    assert {s["practitioner"] for s in everyone} == {"serena", "theo"}
    assert [s["start"][11:16] for s in only_theo["slots"]] == ["18:00", "18:30", "19:00"]
    assert everyone == sorted(everyone, key=lambda s: s["start"])


def test_it_hides_times_inside_the_notice(client: Client, session60: Any) -> None:
    # NOW is Wednesday 12:00: that afternoon is inside the 12 hours of notice.
    assert get(client, start="2027-03-03", end="2027-03-03").json()["slots"] == []
    assert get(client, start="2027-03-04", end="2027-03-04").json()["slots"]


def test_it_accepts_62_days(client: Client, session60: Any) -> None:
    first, last = date(2027, 3, 5), date(2027, 5, 5)  # a Friday to a Wednesday, 62 days
    assert (last - first).days + 1 == 62
    response = get(client, start=first.isoformat(), end=last.isoformat())
    assert response.status_code == 200
    days = {s["start"][:10] for s in response.json()["slots"]}
    weekdays = {first + timedelta(days=n) for n in range(62)}
    good_friday = date(2027, 3, 26)  # a public holiday in Ontario: closed
    assert days == {d.isoformat() for d in weekdays if d.weekday() < 5 and d != good_friday}
    assert {first.isoformat(), last.isoformat()} <= days


def test_it_refuses_63_days(client: Client, session60: Any) -> None:
    response = get(client, start="2027-03-08", end="2027-05-09")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_range"


def test_it_refuses_an_end_before_the_start(client: Client, session60: Any) -> None:
    response = get(client, start="2027-03-09", end="2027-03-08")
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_range", "detail": "end must not be before start."}


@pytest.mark.parametrize(
    "bad", ["2027-02-30", "tomorrow", "2027-3-8", "20270308", "2027-03-08T00:00", "", "0000-01-01",
            "9999-12-31", "2027-W10-1", "\uff12\uff10\uff12\uff17-03-08"],
)  # fmt: skip
def test_it_refuses_bad_dates(client: Client, session60: Any, bad: str) -> None:
    for params in ({"start": bad, "end": "2027-03-08"}, {"start": "2027-03-08", "end": bad}):
        response = get(client, **params)
        assert response.status_code == 400, params
        assert response.json()["error"] == "invalid_date"
        assert "detail" in response.json()


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus", "EST+5", "", "../../etc/passwd", "utc ", "x" * 300]
)
def test_it_refuses_unknown_zones(client: Client, session60: Any, zone: str) -> None:
    response = get(client, start="2027-03-08", end="2027-03-08", tz=zone)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_timezone"


def test_it_answers_404_for_an_unknown_service(client: Client, session60: Any) -> None:
    response = get(client, service="reiki", start="2027-03-08", end="2027-03-08")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "No such service."}


def test_it_answers_404_for_an_inactive_service(client: Client, session60: Any) -> None:
    session60.active = False
    session60.save()
    assert get(client, start="2027-03-08", end="2027-03-08").status_code == 404


def test_it_answers_404_for_an_unknown_practitioner(client: Client, session60: Any) -> None:
    response = get(client, start="2027-03-08", end="2027-03-08", practitioner="nobody")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_it_answers_no_slots_for_a_practitioner_not_offering_the_service(
    client: Client, session60: Any, serena: User
) -> None:
    PractitionerFactory(slug="theo")
    response = get(client, start="2027-03-08", end="2027-03-08", practitioner="theo")
    assert response.status_code == 200
    assert response.json()["slots"] == []


@pytest.mark.parametrize("missing", ["service", "start", "end", "tz"])
def test_it_refuses_a_missing_parameter(client: Client, session60: Any, missing: str) -> None:
    params = {"service": "craniosacral-60", "tz": "UTC", "start": "2027-03-08", "end": "2027-03-08"}
    del params[missing]
    response = client.get(f"{API}/availability", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid"
    assert body["detail"][0]["loc"] == ["query", missing]
