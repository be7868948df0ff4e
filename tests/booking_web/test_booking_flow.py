"""The public booking flow through Django's test client: full pages, no JavaScript."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from craniocare.bookings.models import Booking, Source
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import booking_create
from craniocare.catalog.models import Service

from .helpers import (
    ALICE,
    SERVICE,
    book_online,
    confirm,
    details_page,
    field_value,
    form_with,
    plain,
    review_page,
    text,
    time_buttons,
    time_links,
    week_page,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booking_site")]

MONDAY_9 = datetime(2027, 1, 18, 14, 0, tzinfo=UTC)


def online_bookings() -> list[Booking]:
    return list(Booking.objects.filter(source=Source.ONLINE, client_email=ALICE["email"]))


def test_it_starts_with_the_services_and_their_price_and_length(client):
    response = client.get(reverse("bookings:book"))
    page = text(response)
    assert response.status_code == 200
    for service in Service.objects.active():
        assert service.name in page and f"{service.price}" in page
        assert f"{service.duration_minutes} minutes" in page
        assert f"?service={service.slug}" in page
    assert page.count("CAD") >= 3
    assert 'aria-current="step"' in page


def test_it_says_before_booking_that_the_jaw_session_needs_the_intraoral_consent(client):
    page = text(client.get(reverse("bookings:book")))
    jaw = page.split('id="choose-jaw-tmj-60"')[1].split("</li>\n    \n")[0]
    assert "asked to sign a consent for intraoral work before your session" in jaw
    plain = page.split('id="choose-craniosacral-60"')[1].split('id="choose-')[0]
    assert "intraoral" not in plain


def test_it_books_through_every_step_without_javascript(client):
    week = week_page(client)
    assert week.status_code == 200
    first = time_links(week)[0]
    assert "Monday 18 January, 2:00 p.m." in " ".join(first["text"].split())

    details = client.get(first["href"])
    assert details.status_code == 200
    assert "Monday 18 January 2027, 2:00\u20133:00\u00a0p.m." in text(details)

    review = review_page(client, details)
    assert review.status_code == 200
    page = text(review)
    assert "Check and confirm" in page and "Serena Hale" in page
    assert "Monday 18 January 2027, 2:00\u20133:00 p.m. London time (GMT)" in plain(review)
    assert (
        "Monday 18 January 2027, 9:00\u201310:00\u00a0a.m. Toronto time, the practice's time"
        in page
    )
    assert "120.00 CAD" in page and "24 hours" in page
    assert online_bookings() == [], "nothing is booked before the confirm button"

    done = confirm(client, review)
    assert done.status_code == 303
    assert done["Location"].startswith("/bookings/") and "/confirmed/?token=" in done["Location"]
    confirmation = client.get(done["Location"])
    assert confirmation.status_code == 200
    page = text(confirmation)
    assert "You're booked" in page and "intake form" in page
    assert "Add to calendar" in page and "Manage your booking" in page

    (booking,) = online_bookings()
    assert booking.start == MONDAY_9
    assert booking.booked_tz == "Europe/London"
    assert booking.client_name == "Alice Martin" and booking.client_phone == "416 555 0199"
    assert booking.first_visit is True
    assert booking.notes == ALICE["notes"]
    assert booking.practitioner.slug == "serena"
    assert confirmation["Cache-Control"] == "private, no-store"


def test_it_makes_one_booking_from_a_double_submit(client):
    review = review_page(client, details_page(client))
    first = confirm(client, review)
    second = confirm(client, review)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert len(online_bookings()) == 1


def test_it_gives_each_review_a_new_idempotency_key(client):
    details = details_page(client)
    keys = {field_value(text(review_page(client, details)), "idempotency_key") for _ in range(2)}
    assert len(keys) == 2


def test_it_answers_409_with_fresh_times_and_the_details_kept_when_the_time_is_taken(client):
    review = review_page(client, details_page(client))
    booking_create(
        service=Service.objects.get(slug=SERVICE),
        start=MONDAY_9,
        client=ClientDetails(name="Bob Nguyen", email="bob@example.com"),
        source=Source.API,
        booked_tz="America/Toronto",
    )
    taken = confirm(client, review)
    assert taken.status_code == 409
    page = text(taken)
    assert "that time was just taken" in page
    assert "Times shown in London time (GMT)" in plain(taken)
    offered = [" ".join(b["text"].split()) for b in time_buttons(taken)]
    assert "Monday 18 January, 2:00 p.m." not in offered, "the taken time is gone"
    assert "Monday 18 January, 3:30 p.m." in offered, "fresh times of the same week"
    assert all(re.match(r"\w+day (1[89]|2[0-4]) January, ", label) for label in offered)
    week_form = form_with(taken, "/new/review/")
    assert ("email", ALICE["email"]) in week_form.fields
    assert ("notes", ALICE["notes"]) in week_form.fields
    assert online_bookings() == []

    # Another time goes straight to the review, details and all.
    again = client.post(week_form.action, week_form.data(start="2027-01-18T15:30:00Z"))
    assert again.status_code == 200
    assert "Check and confirm" in text(again) and ALICE["email"] in text(again)
    assert confirm(client, again).status_code == 303
    assert [b.start.hour for b in online_bookings()] == [15]


def test_it_answers_422_and_keeps_what_was_typed(client):
    details = details_page(client)
    response = review_page(client, details, email="alice-at-example", first_visit="")
    assert response.status_code == 422
    page = text(response)
    assert "This does not look like an email address" in page
    assert "Please tell us whether you have been here before" in page
    assert field_value(page, "email") == "alice-at-example"
    assert field_value(page, "name") == ALICE["name"]
    assert ALICE["notes"] in page
    assert 'aria-invalid="true"' in page


def test_it_checks_the_details_again_when_confirming(client):
    review = review_page(client, details_page(client))
    form = form_with(review, "/new/confirm/")
    response = client.post(form.action, form.data(name="  ", phone="12"))
    assert response.status_code == 422
    assert "Please tell us your name" in text(response)
    assert online_bookings() == []


def test_it_lets_the_visitor_change_their_details_from_the_review(client):
    review = review_page(client, details_page(client))
    form = form_with(review, "/new/confirm/")
    response = client.post(reverse("bookings:details"), form.data())
    assert response.status_code == 200
    assert field_value(text(response), "name") == ALICE["name"]
    assert "Please tell us" not in text(response)


def test_it_says_so_when_a_chosen_time_is_no_longer_open(client):
    Booking.objects.all().delete()
    booking_create(
        service=Service.objects.get(slug=SERVICE),
        start=MONDAY_9,
        client=ClientDetails(name="Bob Nguyen", email="bob@example.com"),
        source=Source.API,
        booked_tz="America/Toronto",
    )
    response = details_page(client)
    assert response.status_code == 409
    assert "That time is no longer open" in text(response)
    assert time_links(response), "with the times that are"


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"service": "no-such-service"}, 404, "We couldn't find that session"),
        ({"service": "../../etc/passwd"}, 404, "We couldn't find that session"),
        ({"week": "2027-02-30"}, 200, "We couldn't read that week"),
        ({"week": "x" * 5000}, 200, "We couldn't read that week"),
        ({"week": "9999-12-31"}, 200, "Times shown in London time"),
        ({"week": "0001-01-01"}, 200, "Times shown in London time (GMT)"),
        ({"tz": "Mars/Olympus_Mons"}, 200, "We don't recognise the time zone"),
        ({"tz": "../../etc/passwd"}, 200, "Times shown in Toronto time"),
        ({"tz": "\x00"}, 200, "Times shown in Toronto time"),
        ({"tz": "europe/london"}, 200, "Times shown in London time (GMT)"),
    ],
)
def test_it_never_fails_on_odd_week_view_input(client, params, status, message):
    response = week_page(client, **params)
    assert response.status_code == status
    assert message in plain(response)


@pytest.mark.parametrize(
    "start",
    ["", "garbage", "2027-01-18T14:00:00", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59Z", "1e9"],
)
def test_it_explains_a_start_it_cannot_read(client, start):
    response = details_page(client, start=start)
    assert response.status_code in (400, 409)
    assert "couldn't read the time" in text(response) or "no longer open" in text(response)


@pytest.mark.parametrize(
    "overrides",
    [
        {"start": "not-a-time"},
        {"start": "2027-01-18T14:10:00Z"},
        {"start": "2020-01-06T14:00:00Z"},
        {"service": "nope"},
        {"tz": "Nowhere/Special"},
        {"idempotency_key": ""},
        {"idempotency_key": "web-" + "x" * 500},
        {"practitioner": "nobody"},
        {"first_visit": "maybe"},
        {"notes": "x" * 5000},
        {"name": "Ali\x00ce"},
    ],
)
def test_it_never_answers_500_to_a_tampered_confirm(client, overrides):
    review = review_page(client, details_page(client))
    form = form_with(review, "/new/confirm/")
    response = client.post(form.action, form.data(**overrides))
    assert response.status_code in (303, 400, 404, 409, 422)


def test_it_refuses_a_start_that_is_not_on_the_grid_with_fresh_times(client):
    review = review_page(client, details_page(client))
    form = form_with(review, "/new/confirm/")
    response = client.post(form.action, form.data(start="2027-01-18T14:10:00Z"))
    assert response.status_code == 409
    assert time_buttons(response)
    assert online_bookings() == []


def test_it_renders_only_the_step_for_htmx_and_pushes_the_confirmation_address(client):
    htmx = {"HTTP_HX_REQUEST": "true"}
    week = client.get(reverse("bookings:book"), {"service": SERVICE, "tz": "Europe/London"}, **htmx)
    page = text(week)
    assert week.status_code == 200
    assert "<html" not in page and "<title>Choose a time" in page
    assert 'id="step-heading"' in page and 'tabindex="-1"' in page
    assert "HX-Request" in week["Vary"]

    review = review_page(client, details_page(client))
    done = confirm(client, review, **htmx)
    assert done.status_code == 200
    assert "<html" not in text(done) and "You're booked" in text(done)
    assert re.fullmatch(r"/bookings/[\w-]+/confirmed/\?token=[\w-]+", done["HX-Push-Url"])
    assert len(online_bookings()) == 1


def test_it_shows_the_full_page_for_an_htmx_history_restore(client):
    response = client.get(
        reverse("bookings:book"),
        {"service": SERVICE},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in text(response)


def test_the_book_button_opens_the_booking_page(client):
    response = client.get(reverse("website:home"))
    assert f'href="{reverse("bookings:book")}"' in text(response)
    assert reverse("bookings:book") == "/book/"
    book = client.get("/book/?service=craniosacral-60")
    assert book.status_code == 200 and "Choose a time" in text(book)


def test_the_booking_pages_keep_to_the_content_security_policy(client):
    pages = [
        client.get(reverse("bookings:book")),
        week_page(client),
        details_page(client),
        review_page(client, details_page(client)),
        book_online(client),
    ]
    for response in pages:
        page = response.content.decode()
        assert " style=" not in page, "no inline styles (style-src 'self')"
        for tag in page.split("<script")[1:]:
            opening = tag.split(">", 1)[0]
            assert "src=" in opening or 'type="application/ld+json"' in opening
        assert not re.search(r"<[a-z][^>]*\son[a-z]+=", page), "no inline event handlers"


def test_it_pauses_online_booking_for_a_connection_that_books_too_often(client, settings):
    from django.core.cache import caches

    caches["default"].clear()
    settings.RATELIMITS = {**settings.RATELIMITS, "booking_web": (1, 3600)}
    book_online(client)
    review = review_page(client, details_page(client, "2027-01-18T18:00:00Z"))
    response = confirm(client, review)
    assert response.status_code == 429
    assert "paused online booking" in plain(response)
    assert field_value(text(response), "email") == ALICE["email"]  # what they typed is kept
    assert len(online_bookings()) == 1
