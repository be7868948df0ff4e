"""Availability (practitioner only): weekly hours with several ranges a day, date overrides, time
off, the preview; a change never silently strands a confirmed booking."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.bookings.models import Booking, Status
from craniocare.clients.models import Client
from craniocare.lib.holidays import public_holidays
from craniocare.scheduling.models import DateOverride, Practitioner, TimeOff, WorkingHours
from tests.clock import TORONTO
from tests.office.helpers import book

pytestmark = pytest.mark.django_db


def ranges(name: str, text: str) -> dict[str, str]:
    """The time inputs of one day as a browser sends them: ranges("day_1", "09:00-12:00")."""
    data = {f"{name}_{n}_{end}": "" for n in range(2) for end in ("start", "end")}
    for n, part in enumerate(p.strip() for p in text.split(",") if p.strip()):
        data[f"{name}_{n}_start"], data[f"{name}_{n}_end"] = part.split("-")
    return data


WEEK = {
    key: value
    for day in range(7)
    for key, value in ranges(f"day_{day}", "09:00-12:00, 13:00-17:00" if day < 5 else "").items()
}


def next_weekday(weekday: int) -> date:
    """The next such weekday that is not a public holiday (closed in the practice's region,
    Ontario), so that these tests do not depend on the date they run on."""
    today = timezone.localdate(timezone=TORONTO)
    day = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    while public_holidays("CA-ON", day, day):
        day += timedelta(days=7)
    return day


@pytest.fixture
def tuesday_booking(serena, alice, session60) -> Booking:
    """Alice's confirmed session with Serena next Tuesday at 15:00 (inside the demo hours)."""
    start = datetime.combine(next_weekday(1), time(15), TORONTO)
    return book(serena, Client.objects.get(user=alice), session60, start)


def hours_of(user, weekday: int) -> list[tuple[time, time]]:
    return [
        (w.start, w.end)
        for w in WorkingHours.objects.filter(practitioner__user=user, weekday=weekday)
    ]


def test_it_shows_the_weekly_hours_and_a_preview(office_client, serena, session60):
    response = office_client(serena).get(reverse("office:availability"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="time" step="900" name="day_0_0_start" id="id_day_0_0_start" value="09:00"' in html
    assert 'name="day_0_1_end" id="id_day_0_1_end" value="17:00"' in html
    assert "Monday, first range, from" in html  # each time input has a label
    assert len(response.context["preview"]) == 14
    working_days = [d for d in response.context["preview"] if d.hours]
    assert working_days and all(d.open_times for d in working_days[1:])


def test_it_saves_several_ranges_a_day(office_client, serena):
    week = WEEK | ranges("day_5", "10:00-12:00, 14:30-16:00")
    response = office_client(serena).post(reverse("office:availability_weekly"), week, follow=True)
    assert response.redirect_chain[-1][1] == 302
    assert "Your weekly hours are saved.</" in response.content.decode()
    assert hours_of(serena, 5) == [(time(10), time(12)), (time(14, 30), time(16))]


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ({"day_2_0_start": "12:00", "day_2_0_end": "09:00"}, "ends before it starts"),
        (
            ranges("day_2", "09:00-12:00, 11:00-13:00"),
            "Two of these ranges overlap: join them into one.",
        ),
        ({"day_2_0_start": "25:00", "day_2_0_end": "26:00"}, "“25:00” is not a time"),
        ({"day_2_0_start": "09:00", "day_2_0_end": ""}, "Give both a start and an end time"),
    ],
)
def test_it_explains_bad_hours_and_keeps_what_was_typed(office_client, serena, typed, error):
    response = office_client(serena).post(reverse("office:availability_weekly"), WEEK | typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    for name, value in typed.items():
        assert f'name="{name}" id="id_{name}" value="{value}"' in html
    assert hours_of(serena, 2) == [(time(9), time(12)), (time(13), time(17))]


def test_it_lists_a_booking_the_new_hours_would_strand_and_does_not_drop_it(
    office_client, serena, tuesday_booking
):
    browser = office_client(serena)
    mornings = WEEK | ranges("day_1", "09:00-12:00")
    response = browser.post(reverse("office:availability_weekly"), mornings)
    assert response.status_code == 200
    assert response.context["decide"]["stranded"] == [tuesday_booking]
    assert "Alice Martin" in response.content.decode()
    assert hours_of(serena, 1) == [(time(9), time(12)), (time(13), time(17))]  # not saved yet

    kept = browser.post(
        reverse("office:availability_weekly"), mornings | {"decision": "keep"}, follow=True
    )
    assert kept.redirect_chain[-1][1] == 302
    assert "Your weekly hours are saved. One booking stays as it was, outside your hours." in (
        kept.content.decode()
    )
    assert hours_of(serena, 1) == [(time(9), time(12))]
    assert Booking.objects.get(pk=tuesday_booking.pk).status == Status.CONFIRMED


def test_it_cancels_only_the_stranded_bookings_that_were_ticked(
    office_client, serena, tuesday_booking, alice, session60
):
    other = book(
        serena,
        Client.objects.get(user=alice),
        session60,
        datetime.combine(next_weekday(1), time(13), TORONTO),
    )
    response = office_client(serena).post(
        reverse("office:availability_weekly"),
        WEEK | ranges("day_1", "") | {"decision": "cancel", "cancel": [str(tuesday_booking.pk)]},
    )
    assert response.status_code == 302
    assert Booking.objects.get(pk=tuesday_booking.pk).status == Status.CANCELLED
    assert Booking.objects.get(pk=other.pk).status == Status.CONFIRMED


def test_it_checks_time_off_and_date_overrides_for_stranded_bookings(
    office_client, serena, tuesday_booking
):
    browser = office_client(serena)
    day = tuesday_booking.start.astimezone(TORONTO).date()
    closed = browser.post(
        reverse("office:availability_override"), {"date": day.isoformat(), "closed": "on"}
    )
    assert closed.context["decide"]["stranded"] == [tuesday_booking]
    assert not DateOverride.objects.exists()

    away = {"start": f"{day}T14:00", "end": f"{day}T18:00", "reason": "Dentist"}
    response = browser.post(reverse("office:availability_time_off"), away)
    assert response.context["decide"]["stranded"] == [tuesday_booking]
    assert not TimeOff.objects.exists()
    browser.post(reverse("office:availability_time_off"), away | {"decision": "keep"})
    assert TimeOff.objects.get().reason == "Dentist"


def test_it_saves_and_removes_a_date_override(office_client, serena):
    browser = office_client(serena)
    day = next_weekday(5)
    response = browser.post(
        reverse("office:availability_override"),
        {"date": day.isoformat(), "note": "Saturday clinic"} | ranges("hours", "10:00-14:00"),
        follow=True,
    )
    assert response.redirect_chain[-1][1] == 302
    saturday = f"{day:%A} {day.day} {day:%B}"
    assert f"Your hours for {saturday}" in response.content.decode()
    override = DateOverride.objects.get()
    assert override.intervals == [["10:00", "14:00"]]
    browser.post(reverse("office:availability_override_delete"), {"id": override.pk})
    assert not DateOverride.objects.exists()


def test_it_explains_an_override_without_hours_and_time_off_that_ends_first(office_client, serena):
    browser = office_client(serena)
    response = browser.post(reverse("office:availability_override"), {"date": "2030-01-07"})
    assert response.status_code == 400
    assert "Give the hours of that day" in response.content.decode()
    response = browser.post(
        reverse("office:availability_time_off"),
        {"start": "2030-01-07T14:00", "end": "2030-01-07T09:00"},
    )
    assert response.status_code == 400
    assert "The end must be after the start." in response.content.decode()
    assert 'value="2030-01-07T14:00"' in response.content.decode()


def test_it_never_removes_another_practitioners_time_off(office_client, serena, maya):
    theirs = TimeOff.objects.create(
        practitioner=Practitioner.objects.get(user=maya),
        start=timezone.now() + timedelta(days=3),
        end=timezone.now() + timedelta(days=4),
    )
    response = office_client(serena).post(
        reverse("office:availability_time_off_delete"), {"id": theirs.pk}
    )
    assert response.status_code == 404
    assert TimeOff.objects.filter(pk=theirs.pk).exists()


def test_it_answers_front_desk_404_on_every_availability_page(office_client, frank):
    browser = office_client(frank)
    assert browser.get(reverse("office:availability")).status_code == 404
    for name in ("availability_weekly", "availability_override", "availability_time_off"):
        assert browser.post(reverse(f"office:{name}"), WEEK).status_code == 404


def test_it_refuses_a_day_closed_all_day_with_hours_and_keeps_both(office_client, serena):
    day = next_weekday(5)
    typed = {"date": day.isoformat(), "closed": "on"} | ranges("hours", "10:00-14:00")
    response = office_client(serena).post(reverse("office:availability_override"), typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "A day cannot be closed and have hours" in html
    assert re.search(r'<input type="checkbox" name="closed"[^>]* checked>', html)
    assert 'name="hours_0_start" id="id_hours_0_start" value="10:00"' in html
    assert not DateOverride.objects.exists()


def test_the_saved_messages_read_as_sentences():
    from craniocare.scheduling.views import outcome

    assert outcome("Your time off is saved.", cancelled=0, kept=0) == "Your time off is saved."
    assert outcome("Saved.", cancelled=1, kept=2) == (
        "Saved. One booking is cancelled. Two bookings stay as they were, outside your hours."
    )


def test_a_stranded_booking_of_a_restricted_record_is_listed_without_the_name(
    office_client, serena, tuesday_booking
):
    client = tuesday_booking.client
    client.restricted_at, client.restricted_reason = timezone.now(), "Erasure request"
    client.save(update_fields=["restricted_at", "restricted_reason"])
    mornings = WEEK | ranges("day_1", "09:00-12:00")
    response = office_client(serena).post(reverse("office:availability_weekly"), mornings)
    assert response.context["decide"]["stranded"] == [tuesday_booking]
    html = response.content.decode()
    assert "Restricted record" in html and "Alice Martin" not in html
