"""The week of open times: the visitor's zone, exactly the engine's slots, the window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from craniocare.bookings.free_times import open_slots
from craniocare.catalog.models import Service
from craniocare.scheduling.models import Practitioner, TimeOff
from tests.clock import WEB_NOW as NOW

from .helpers import SERVICE, parse, plain, query, shown_times, time_links, week_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booking_site")]


def offered_starts(response) -> set[datetime]:
    return {datetime.fromisoformat(query(link["href"])["start"]) for link in time_links(response)}


def test_it_shows_a_9_oclock_toronto_time_as_14_00_in_london_in_winter(client):
    london = week_page(client, tz="Europe/London")
    assert "Times shown in London time (GMT)" in plain(london)
    assert "Monday 18 January, 2:00 p.m." in shown_times(london)
    assert not any(label.endswith(", 9:00 a.m.") for label in shown_times(london))

    toronto = week_page(client, tz="America/Toronto")
    assert "Monday 18 January, 9:00 a.m." in shown_times(toronto)
    assert offered_starts(london) == offered_starts(toronto), "same instants, other clocks"


def test_it_shows_a_zone_with_a_half_hour_offset(client):
    kolkata = week_page(client, tz="Asia/Kolkata")
    # 9:00 a.m. in Toronto (14:00 UTC) is 7:30 p.m. in Kolkata (UTC+5:30).
    assert "Monday 18 January, 7:30 p.m." in shown_times(kolkata)


@pytest.mark.parametrize("zone", ["Europe/London", "America/Toronto", "Pacific/Auckland", "UTC"])
@pytest.mark.parametrize("weeks_ahead", [0, 1, 2, 5])
def test_it_offers_exactly_what_the_engine_and_the_api_offer(client, zone, weeks_ahead):
    tz = ZoneInfo(zone)
    monday = date(2027, 1, 11) + timedelta(weeks=weeks_ahead)
    response = week_page(client, tz=zone, week=monday.isoformat())
    today = NOW.astimezone(tz).date()
    expected = open_slots(
        service=Service.objects.get(slug=SERVICE),
        first_day=max(monday, today),
        last_day=monday + timedelta(days=6),
        tz=tz,
        now=NOW,
    )
    assert offered_starts(response) == {slot.start for slot, _ in expected}
    assert expected, "the demo has open times every week"


def test_the_api_offers_the_same_times(client):
    response = week_page(client, tz="Europe/London")
    api = client.get(
        "/api/v1/availability",
        {"service": SERVICE, "start": "2027-01-18", "end": "2027-01-24", "tz": "Europe/London"},
    ).json()
    api_starts = {datetime.fromisoformat(slot["start"]) for slot in api["slots"]}
    assert offered_starts(response) == api_starts


def test_it_groups_times_by_day_and_says_when_a_day_has_none(client):
    page = plain(week_page(client))
    assert "Saturday 23 January No open times" in page
    assert "Sunday 24 January No open times" in page
    labels = [link["text"] for link in time_links(week_page(client))]
    assert all(", " in label for label in labels), "each time names its day"


def test_it_finds_the_first_week_with_open_times(client):
    serena = Practitioner.objects.get(slug="serena")
    TimeOff.objects.create(
        practitioner=serena,
        start=NOW,
        end=datetime(2027, 2, 1, 5, 0, tzinfo=UTC),  # to Monday 1 February, 00:00 Toronto
        reason="Holiday",
    )
    response = week_page(client, week=None)
    assert response.status_code == 200
    assert "Week of 1\u20137 February 2027" in plain(response)
    assert shown_times(response)[0] == "Monday 1 February, 2:00 p.m."


def test_it_says_so_when_nothing_is_open_in_the_whole_window(client):
    serena = Practitioner.objects.get(slug="serena")
    TimeOff.objects.create(practitioner=serena, start=NOW, end=NOW + timedelta(days=400))
    response = week_page(client, week=None)
    assert response.status_code == 200
    assert "no open times online in the coming months" in plain(response)
    assert time_links(response) == []


def test_it_moves_between_weeks_inside_the_booking_window(client):
    first = week_page(client, week=None)
    page = plain(first)
    assert "Week of 11\u201317 January 2027" in page
    assert "Previous week" not in page, "no going back before this week"
    assert "Wednesday 13 January" in page and "Monday 11 January" not in page, "no past days"
    (next_week,) = [link for link in parse(first).links if "Next week" in link["text"]]
    assert query(next_week["href"])["week"] == "2027-01-18"

    window_end = (NOW + timedelta(days=180)).astimezone(ZoneInfo("Europe/London")).date()
    last = week_page(client, week=window_end.isoformat())
    assert "Next week" not in plain(last), "no going past the booking window"
    assert all(
        datetime.fromisoformat(query(link["href"])["start"]) <= NOW + timedelta(days=180)
        for link in time_links(last)
    )
    beyond = week_page(client, week="2031-01-06")
    assert plain(beyond).count("Week of") == 1 and "Next week" not in plain(beyond)


def test_it_falls_back_to_the_practice_zone_for_a_zone_it_does_not_know(client):
    response = week_page(client, tz="Europe/Atlantis")
    page = plain(response)
    assert "We don't recognise the time zone “Europe/Atlantis”" in page
    assert "Times shown in Toronto time" in page
    assert "Monday 18 January, 9:00 a.m." in shown_times(response)


def test_it_takes_a_typed_zone_over_the_list(client):
    response = week_page(client, tz="Europe/London", tz_other="asia/kolkata")
    assert "Times shown in Kolkata time" in plain(response)


def test_it_shows_the_practice_zone_until_the_browser_names_one(client):
    response = week_page(client, tz=None, week=None)
    page = response.content.decode()
    assert "Times shown in Toronto time" in plain(response)
    assert 'data-tz-auto="/book/?service=craniosacral-60"' in page
    named = week_page(client, tz="Europe/London").content.decode()
    assert "data-tz-auto" not in named
