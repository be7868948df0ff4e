"""The office calendar: day and week views of one practitioner's bookings, buffers, time off
and working hours, in the practice's time zone."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from craniocare.bookings.calendar_grid import FREE_CELL, Frame, frame_for, week_of
from craniocare.bookings.models import Status
from craniocare.clients.models import Client
from craniocare.lib.humanize import short_name
from craniocare.lib.intervals import Interval
from craniocare.scheduling.availability import Schedule, WeeklyHours
from craniocare.scheduling.models import Practitioner, TimeOff
from craniocare.scheduling.slots import office_slots
from tests.clock import MORNING, TORONTO, WEDNESDAY, at
from tests.factories import give_hours
from tests.office.helpers import book

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wednesday_morning():
    with time_machine.travel(MORNING, tick=False):
        yield


@pytest.fixture
def week(serena, alice, bob, session60):
    practitioner = Practitioner.objects.get(user=serena)
    give_hours(practitioner)
    alice_client = Client.objects.get(user=alice)
    bob_client = Client.objects.get(user=bob)
    TimeOff.objects.create(practitioner=practitioner, start=at(13), end=at(15), reason="Dentist")
    return {
        "alice": book(serena, alice_client, session60, at(9, 30), notes="Tinnitus since May."),
        "bob_thursday": book(serena, bob_client, session60, at(10, day=WEDNESDAY.replace(day=4))),
        "cancelled": book(
            serena,
            bob_client,
            session60,
            at(15, 30),
            status=Status.CANCELLED,
            cancellation_reason="Ill",
        ),
    }


def page(client, **query) -> str:
    response = client.get(reverse("office:calendar"), query)
    assert response.status_code == 200
    return response.content.decode()


def classes_of(html: str, marker: str) -> list[str]:
    return re.findall(r'class="([^"]*)"[^>]*' + re.escape(marker), html)


def test_it_renders_the_day_with_bookings_buffers_time_off_and_hours(office_client, serena, week):
    html = page(office_client(serena), date="2027-03-03")
    alice = week["alice"]
    # 08:00 is line 2; 09:30 is six quarters later.
    place = 'class="cal-booking col-1 row-start-8 row-end-12 is-confirmed"'
    assert f'{place} href="/office/bookings/{alice.pk}/"' in html
    assert 'class="cal-buffer col-1 row-start-12 row-end-13"' in html  # 10:30-10:45
    assert 'class="cal-off col-1 row-start-22 row-end-30">Time off' in html  # 13:00-15:00
    assert 'class="cal-hours col-1 row-start-6 row-end-18"' in html  # 09:00-12:00
    assert "<strong>9:30</strong> Alice Martin" in html
    assert "Bob Nguyen" not in html  # Thursday's, and the cancelled one is hidden
    assert "Tinnitus" not in html


def test_it_offers_free_times_but_not_taken_ones(office_client, serena, week):
    html = page(office_client(serena), date="2027-03-03")
    starts = re.findall(r"start=2027-03-03T(\d\d:\d\d)", html)
    assert "16:00" in starts and "11:00" in starts and "09:00" in starts
    assert "09:30" not in starts and "10:00" not in starts  # the session
    assert "10:30" not in starts  # its 15-minute buffer
    assert "13:30" not in starts and "14:30" not in starts  # time off
    assert "12:00" not in starts  # lunch, outside working hours


def test_it_shows_cancelled_bookings_only_when_asked(office_client, serena, week):
    client = office_client(serena)
    assert "Ill" not in page(client, date="2027-03-03") and "15:30 Bob" not in page(
        client, date="2027-03-03"
    )
    html = page(client, date="2027-03-03", cancelled="1")
    assert "<strong>15:30</strong> Bob Nguyen" in html and "is-cancelled" in html


def test_it_renders_the_week_in_columns(office_client, serena, week):
    html = page(office_client(serena), view="week", date="2027-03-05")
    assert "Week of Monday 1 March 2027" in html
    assert re.search(r'class="cal-booking col-3 row-start-8 row-end-12 is-confirmed"', html)
    assert re.search(r'class="cal-booking col-4 row-start-10 row-end-14 is-confirmed"', html)
    assert "cal-off col-3" in html
    assert html.count("cal-hours col-") == 10  # two intervals a day, Monday to Friday


def test_it_moves_by_day_and_week(office_client, serena, week):
    client = office_client(serena)
    html = page(client, view="week", date="2027-03-03")
    assert "date=2027-02-24" in html and "date=2027-03-10" in html
    html = page(client, date="2027-03-03")
    assert "date=2027-03-02" in html and "date=2027-03-04" in html


def test_it_lets_front_desk_see_the_calendar_and_choose_a_practitioner(
    office_client, frank, maya, week
):
    client = office_client(frank)
    html = page(client, date="2027-03-03")
    assert 'id="cal-practitioner"' in html and "<strong>9:30</strong> Alice Martin" in html
    assert "Tinnitus" not in html
    maya_id = Practitioner.objects.get(user=maya).pk
    assert "Alice Martin" not in page(client, date="2027-03-03", practitioner=maya_id)


def test_it_uses_no_inline_styles(office_client, serena, week):
    html = page(office_client(serena), view="week", date="2027-03-03")
    assert "style=" not in html and "<script>" not in html


def test_it_frames_the_day_around_what_it_shows():
    frame = frame_for([(at(7, 15), at(8)), (at(18), at(19, 30))])
    assert (frame.first_hour, frame.last_hour) == (7, 20)
    assert Frame(8, 18).line(at(8), day=WEDNESDAY, round_up=False) == 2
    assert Frame(8, 18).line(at(9, 10), day=WEDNESDAY, round_up=True) == 7


def test_it_finds_free_times_around_busy_ones():
    hours = Schedule(zone=TORONTO, weekly=(WeeklyHours(WEDNESDAY.weekday(), time(9), time(11)),))
    free = office_slots(
        schedule=hours,
        rules=FREE_CELL,
        first_day=WEDNESDAY,
        last_day=WEDNESDAY,
        now=MORNING,
        busy=[Interval(at(9, 30), at(10, 15))],
    )
    assert [f.start for f in free] == [at(9), at(10, 30)]
    assert week_of(WEDNESDAY)[0].isoformat() == "2027-03-01"


def test_a_booking_in_the_grid_names_the_service_short_and_in_full_in_its_detail(
    office_client, serena, alice, session60
):
    monday = timezone.localdate(timezone=TORONTO) + timedelta(days=7)
    monday -= timedelta(days=monday.weekday())
    start = datetime.combine(monday, time(10), TORONTO)
    book(serena, Client.objects.get(user=alice), session60, start)
    url = reverse("office:calendar") + f"?view=week&date={monday:%Y-%m-%d}"
    html = office_client(serena).get(url).content.decode()
    assert '<span class="cal-line-2" aria-hidden="true">CST 60</span>' in html
    assert "CranioSacral Therapy, 60 minutes</span>" in html  # the detail, read on focus
    assert short_name("Jaw and TMJ, 60 minutes") == "Jaw and TMJ 60"
    assert short_name("Somatic release and rest work, 90 minutes") == "SRRW 90"
