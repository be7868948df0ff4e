"""No 500 on any input in the back office (issue 7 §2 and §3): the requests the outside review
found answering 500 replayed, an office booking at a local time the clock skips, and a hypothesis
run that throws arbitrary text and dates at every office form. SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client as DjangoClient
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from craniocare.bookings.models import Booking, Status
from craniocare.clients.models import Client
from craniocare.scheduling.models import Practitioner
from tests.clock import MORNING
from tests.factories import give_hours
from tests.office.helpers import book

pytestmark = pytest.mark.django_db

SKIPPED_HOUR = (
    "On 14 March 2027 clocks in Toronto jump from 2:00 to 3:00 a.m., so 2:30 a.m. does not exist "
    "that day."
)


@pytest.fixture
def office(office_client, serena, alice, bob, session60) -> DjangoClient:
    """Serena signed in, with hours, on Wednesday 3 March 2027 in the morning."""
    give_hours(Practitioner.objects.get(user=serena))
    with time_machine.travel(MORNING, tick=False):
        yield office_client(serena)


@pytest.fixture
def booking(office, serena, alice, session60) -> Booking:
    from tests.clock import at

    return book(serena, Client.objects.get(user=alice), session60, at(10, day=MORNING.date()))


def page(response: Any) -> str:
    return response.content.decode()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("view", ["day", "week"])
def test_it_shows_today_with_a_message_for_a_date_at_the_ends_of_time(office, day, view) -> None:
    response = office.get(reverse("office:calendar"), {"date": day, "view": view}, follow=True)
    assert response.status_code == 200
    assert "Please give a date between 1 January 2000 and 31 December 2100" in page(response)
    assert "Showing today instead" in page(response)


def test_it_explains_a_booking_start_at_the_ends_of_time(office) -> None:
    response = office.get(reverse("office:booking_new"), {"start": "0001-01-01T00:00+14:00"})
    assert response.status_code == 400
    assert "Please give a date between" in page(response)


def test_it_refuses_an_office_booking_at_a_time_the_clock_skips(office, serena, session60) -> None:
    response = office.post(
        reverse("office:booking_new"),
        {
            "practitioner": Practitioner.objects.get(user=serena).pk,
            "service": session60.pk,
            "start": "2027-03-14T02:30",
            "name": "Carla Ruiz",
            "email": "carla@example.org",
        },
    )
    assert response.status_code == 400
    assert SKIPPED_HOUR in page(response).replace("&#x27;", "'")
    assert 'value="2027-03-14T02:30"' in page(response)  # kept as typed
    assert not Booking.objects.exists()


@pytest.mark.parametrize("chosen", ["not-a-number", "987654", "99999999999999999999999"])
def test_it_asks_for_the_client_again_when_the_chosen_one_is_not_there(
    office, serena, session60, chosen
) -> None:
    response = office.post(
        reverse("office:booking_new"),
        {
            "practitioner": Practitioner.objects.get(user=serena).pk,
            "service": session60.pk,
            "start": "2027-03-03T10:00",
            "client": chosen,
        },
    )
    assert response.status_code == 400
    assert "Choose the client again." in page(response)
    assert 'value="2027-03-03T10:00"' in page(response)  # kept as typed
    assert not Booking.objects.exists()


def test_it_refuses_to_move_a_booking_to_a_time_the_clock_skips(office, booking) -> None:
    response = office.post(
        reverse("office:booking_move", kwargs={"booking_id": booking.pk}),
        {"start": "2027-03-14T02:30"},
        follow=True,
    )
    assert SKIPPED_HOUR in page(response)
    booking.refresh_from_db()
    assert booking.start.date().isoformat() == "2027-03-03"


def test_it_answers_a_client_search_with_a_nul(office) -> None:
    response = office.get(reverse("office:booking_client_search"), {"q": "Ali\x00ce"})
    assert response.status_code == 200
    assert "Alice Martin" not in page(response)
    response = office.get(reverse("office:clients"), {"q": "Ali\x00ce"})
    assert response.status_code == 200
    assert "control character" in page(response)


def test_it_refuses_a_cancellation_reason_with_a_nul(office, booking) -> None:
    response = office.post(
        reverse("office:booking_cancel", kwargs={"booking_id": booking.pk}),
        {"reason": "Phoned\x00 in"},
        follow=True,
    )
    assert response.status_code == 200
    assert "The reason was not saved" in page(response)
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


# --- fuzz: arbitrary text and dates at every office form -----------------------------------------

FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
texts = st.text(max_size=60)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2027-03-04", "0001-01-01", "9999-12-31", "2027-03-14T02:30"]),
    texts,
)
instants = st.one_of(
    st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(["2027-03-04T11:00", "2027-03-14T02:30", "0001-01-01T00:00+14:00"]),
    texts,
)
numbers = st.one_of(st.integers(-5, 10**6).map(str), texts)
OFFICE_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "q": texts,
        "date": dates,
        "view": st.sampled_from(["day", "week", ""]),
        "practitioner": numbers,
        "service": numbers,
        "client": numbers,
        "start": instants,
        "end": instants,
        "name": texts,
        "email": st.one_of(st.emails(), texts),
        "phone": texts,
        "reason": st.text(max_size=200),
        "status": st.sampled_from(["completed", "no_show", "new", "closed", ""]) | texts,
        "body": st.text(max_size=200),
        "practice_notes": st.text(max_size=200),
        "day_0_0_start": texts,
        "day_1_0_end": st.sampled_from(["09:00", "25:00", "12:00:00", ""]) | texts,
        "closed": st.sampled_from(["on", ""]),
        "hours_0_start": texts,
        "note": texts,
        "id": numbers,
        "decision": st.sampled_from(["keep", "cancel", ""]) | texts,
        "slug": texts,
        "summary": texts,
        "description": st.text(max_size=200),
        "duration_minutes_hours": numbers,
        "duration_minutes_minutes": numbers,
        "min_notice_minutes_amount": numbers,
        "min_notice_minutes_unit": st.sampled_from(["hours", "days", "weeks"]),
        "price": numbers,
        "time_zone": st.sampled_from(["America/Toronto", "localtime", "Factory"]) | texts,
        "tagline": texts,
        "cancellation_policy": st.text(max_size=200),
        "reply_time": texts,
        "reminder_offsets_hours": numbers,
        "sms_reminders": texts,
        "sms_consent": texts,
        "page": numbers,
    },
)


OFFICE_FORMS = [
    ("office:calendar", None, "get"),
    ("office:booking_new", None, "post"),
    ("office:booking_client_search", None, "get"),
    ("office:booking", "booking_id", "get"),
    ("office:booking_move", "booking_id", "post"),
    ("office:booking_outcome", "booking_id", "post"),
    ("office:booking_cancel", "booking_id", "post"),
    ("office:clients", None, "get"),
    ("office:client_notes", "client_id", "post"),
    ("office:client_sms_consent", "client_id", "post"),
    ("office:client_merge", "client_id", "post"),
    ("office:inbox", None, "get"),
    ("office:inbox_reply", "message_id", "post"),
    ("office:inbox_status", "message_id", "post"),
    ("office:availability", None, "get"),
    ("office:availability_weekly", None, "post"),
    ("office:availability_override", None, "post"),
    ("office:availability_time_off", None, "post"),
    ("office:services", None, "get"),
    ("office:service_new", None, "post"),
    ("office:settings_practice", None, "post"),
]


@pytest.mark.parametrize(
    ("name", "argument", "method"), OFFICE_FORMS, ids=[n for n, _, _ in OFFICE_FORMS]
)
def test_fuzz_office_forms_never_answer_5xx(
    office, booking, smtp_server, name, argument, method
) -> None:
    from tests.factories import ContactMessageFactory

    ids = {
        "booking_id": booking.pk,
        "client_id": booking.client_id,
        "message_id": ContactMessageFactory().pk,
    }
    url = reverse(name, kwargs={argument: ids[argument]} if argument else None)

    @FUZZ
    @given(OFFICE_FIELDS)
    def check(fields: dict[str, str]) -> None:
        response = getattr(office, method)(url, fields)
        assert response.status_code < 500, (url, fields)

    check()
