"""The client's manage page: see, add to a calendar, cancel, reschedule, until the cutoff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from craniocare.bookings.models import Booking, Source, Status
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import BookingResult, booking_create
from craniocare.catalog.models import Service

from .helpers import (
    SERVICE,
    calendar_event,
    form_with,
    mail_to,
    parse,
    plain,
    shown_times,
    text,
    time_links,
    week_page,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booking_site")]

MONDAY_9 = datetime(2027, 1, 18, 14, 0, tzinfo=UTC)  # 09:00 Toronto, 14:00 London
MONDAY_11 = datetime(2027, 1, 18, 16, 0, tzinfo=UTC)  # 11:00 Toronto, 16:00 London
EMAIL = "carol@example.com"


@pytest.fixture
def booked(django_capture_on_commit_callbacks) -> BookingResult:
    with django_capture_on_commit_callbacks(execute=True):
        return booking_create(
            service=Service.objects.get(slug=SERVICE),
            start=MONDAY_9,
            client=ClientDetails(name="Carol Singh", email=EMAIL, phone="647 555 0111"),
            source=Source.ONLINE,
            booked_tz="Europe/London",
        )


def manage_url(result: BookingResult, **params: str) -> str:
    url = result.booking.manage_path(result.manage_token)
    return url + "".join(f"&{key}={value}" for key, value in params.items())


def test_it_shows_the_booking_in_the_zone_it_was_booked_in(client, booked):
    response = client.get(manage_url(booked))
    assert response.status_code == 200
    page = plain(response)
    assert "Monday 18 January 2027, 2:00\u20133:00 p.m. London time (GMT)" in page
    assert "Confirmed" in page and "Serena Hale" in page
    for label in ["Add to calendar", "Move to another time", "Cancel booking"]:
        assert label in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("token", ["", "wrong", "x" * 5000, "%00", "../../"])
def test_it_answers_a_wrong_token_with_a_404_page(client, booked, token):
    uid = booked.booking.uid
    for url in [
        f"/bookings/{uid}/manage/?token={token}",
        f"/bookings/{uid}/confirmed/?token={token}",
        f"/bookings/{uid}/calendar.ics?token={token}",
        f"/bookings/{uid}/cancel/?token={token}",
        f"/bookings/{uid}/reschedule/?token={token}",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "We couldn't find that booking" in plain(response)
        assert response["Cache-Control"] == "private, no-store"
    post = client.post(f"/bookings/{uid}/cancel/", {"token": token})
    assert post.status_code == 404
    assert Booking.objects.get(pk=booked.booking.pk).status == Status.CONFIRMED


def test_it_answers_an_unknown_booking_with_a_404_page(client, booked):
    response = client.get(f"/bookings/nope/manage/?token={booked.manage_token}")
    assert response.status_code == 404


def test_it_offers_the_booking_as_a_calendar_file(client, booked):
    response = client.get(
        reverse("bookings:calendar", kwargs={"uid": booked.booking.uid}),
        {"token": booked.manage_token},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    from icalendar import Calendar

    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(event["UID"]) == f"{booked.booking.uid}@{settings.CALENDAR_UID_DOMAIN}"
    assert event.decoded("DTSTART") == MONDAY_9
    assert response["Cache-Control"] == "private, no-store"


def test_it_cancels_frees_the_time_and_sends_a_cancellation(
    client, smtp_server, booked, web_clock, django_capture_on_commit_callbacks
):
    assert "Monday 18 January, 2:00 p.m." not in shown_times(week_page(client))
    web_clock.shift(timedelta(hours=2))
    confirm_page = client.get(manage_url(booked).replace("/manage/", "/cancel/"))
    assert confirm_page.status_code == 200
    assert "Cancel your session?" in plain(confirm_page)
    form = form_with(confirm_page, "/cancel/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form.action, form.data(reason="Feeling better, thank you."))
    assert response.status_code == 303
    assert "done=cancelled" in response["Location"]
    page = plain(client.get(response["Location"]))
    assert "Your session is cancelled" in page and "Book again" in page

    booking = Booking.objects.get(pk=booked.booking.pk)
    assert booking.status == Status.CANCELLED
    assert booking.cancellation_reason == "Feeling better, thank you."
    assert "Monday 18 January, 2:00 p.m." in shown_times(week_page(client)), "offered again at once"

    first, cancelled = mail_to(smtp_server, EMAIL, count=2)
    assert cancelled["Subject"].startswith("Cancelled: ")
    calendar, event = calendar_event(cancelled)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    _, original = calendar_event(first)
    assert (
        str(event["UID"]) == str(original["UID"]) == f"{booking.uid}@{settings.CALENDAR_UID_DOMAIN}"
    )
    assert int(event["SEQUENCE"]) > int(original["SEQUENCE"])
    practitioner = mail_to(smtp_server, "hello@serenacraniocare.example", count=2)
    assert practitioner[-1]["Subject"].startswith("Booking cancelled: Carol Singh")
    assert "Feeling better, thank you." in practitioner[-1].get_content()


def test_it_reschedules_keeping_the_uid(
    client, smtp_server, booked, web_clock, django_capture_on_commit_callbacks
):
    web_clock.shift(timedelta(hours=1))
    week = client.get(manage_url(booked).replace("/manage/", "/reschedule/"))
    assert week.status_code == 200
    assert "Times shown in London time (GMT)" in plain(week)
    choice = next(
        link
        for link in time_links(week)
        if "Monday 18 January, 4:00 p.m." in " ".join(link["text"].split())
    )
    review = client.get(choice["href"])
    assert review.status_code == 200
    page = plain(review)
    assert "Move your session?" in page
    assert "Monday 18 January 2027, 4:00\u20135:00 p.m." in page
    form = form_with(review, "/reschedule/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form.action, form.data())
    assert response.status_code == 303 and "done=moved" in response["Location"]
    assert "Your session has moved" in plain(client.get(response["Location"]))

    moved = Booking.objects.get(pk=booked.booking.pk)
    assert moved.uid == booked.booking.uid and moved.start == MONDAY_11
    assert moved.status == Status.CONFIRMED
    assert Booking.objects.filter(client_email=EMAIL).count() == 1
    assert "Monday 18 January, 2:00 p.m." in shown_times(week_page(client)), "old time is free"
    assert "Monday 18 January, 4:00 p.m." not in shown_times(week_page(client))

    first, changed = mail_to(smtp_server, EMAIL, count=2)
    assert changed["Subject"].startswith("New time: ")
    calendar, event = calendar_event(changed)
    _, original = calendar_event(first)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(original["UID"])
    assert event.decoded("DTSTART") == MONDAY_11
    assert int(event["SEQUENCE"]) > int(original["SEQUENCE"])


def test_it_refuses_a_move_to_a_time_that_was_taken(client, booked):
    review = client.get(
        manage_url(booked).replace("/manage/", "/reschedule/") + "&start=2027-01-18T16:00:00Z"
    )
    form = form_with(review, "/reschedule/")
    booking_create(
        service=Service.objects.get(slug=SERVICE),
        start=MONDAY_11,
        client=ClientDetails(name="Bob Nguyen", email="bob@example.com"),
        source=Source.API,
        booked_tz="America/Toronto",
    )
    response = client.post(form.action, form.data())
    assert response.status_code == 409
    assert "that time was just taken" in plain(response)
    assert time_links(response)
    assert Booking.objects.get(pk=booked.booking.pk).start == MONDAY_9


def test_inside_the_cutoff_it_explains_the_policy_instead_of_offering_changes(
    client, booked, web_clock
):
    web_clock.move_to(MONDAY_9 - timedelta(hours=23))
    response = client.get(manage_url(booked))
    page = plain(response)
    assert response.status_code == 200
    assert "Online changes close 24 hours before a session" in page
    assert "+1 416 555 0142" in page and "hello@serenacraniocare.example" in page
    assert "Cancel booking" not in page and "Move to another time" not in page
    assert "Add to calendar" in page

    token = booked.manage_token
    uid = booked.booking.uid
    cancel = client.post(f"/bookings/{uid}/cancel/", {"token": token})
    assert cancel.status_code == 409
    assert "can no longer be changed here" in plain(cancel)
    move = client.post(
        f"/bookings/{uid}/reschedule/", {"token": token, "start": "2027-01-19T14:00:00Z"}
    )
    assert move.status_code == 409
    booking = Booking.objects.get(pk=booked.booking.pk)
    assert booking.status == Status.CONFIRMED and booking.start == MONDAY_9
    assert client.get(f"/bookings/{uid}/cancel/?token={token}").status_code == 200
    assert "Cancel your session?" not in plain(client.get(f"/bookings/{uid}/cancel/?token={token}"))


def test_a_cancelled_booking_shows_as_cancelled_with_a_way_to_book_again(client, booked):
    client.post(f"/bookings/{booked.booking.uid}/cancel/", {"token": booked.manage_token})
    response = client.get(manage_url(booked))
    page = plain(response)
    assert "This booking is cancelled" in page and "Cancelled" in page
    (again,) = [link for link in parse(response).links if link["text"] == "Book again"]
    assert again["href"] == "/book/?service=craniosacral-60"
    assert "Cancel booking" not in page


@pytest.mark.parametrize("start", ["garbage", "2027-01-18T14:10:00Z", "9999-01-01T00:00Z"])
def test_it_never_fails_on_an_odd_new_time(client, booked, start):
    url = manage_url(booked).replace("/manage/", "/reschedule/") + f"&start={start}"
    assert client.get(url).status_code in (400, 409)
    post = client.post(
        f"/bookings/{booked.booking.uid}/reschedule/",
        {"token": booked.manage_token, "start": start},
    )
    assert post.status_code in (400, 409)
    assert Booking.objects.get(pk=booked.booking.pk).start == MONDAY_9


def test_manage_pages_swap_in_place_for_htmx(client, booked):
    response = client.get(
        manage_url(booked).replace("/manage/", "/cancel/"), HTTP_HX_REQUEST="true"
    )
    assert "<html" not in text(response) and "Cancel your session?" in text(response)
    post = client.post(
        f"/bookings/{booked.booking.uid}/cancel/",
        {"token": booked.manage_token},
        HTTP_HX_REQUEST="true",
    )
    assert post.status_code == 200
    assert "done=cancelled" in post["HX-Push-Url"]
    assert post["Cache-Control"] == "private, no-store"
