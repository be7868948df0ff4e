"""In a real Chromium, the office's booking pages as the front desk uses them: a caller with a
phone number only, booked outside the practitioner's hours after a plain warning; the booking
page with what the client said; a move that asks first. Screenshots at 390 and 1280 px, and
axe-core on each."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.urls import reverse

from craniocare.bookings.models import Booking, Source
from craniocare.clients.models import Client
from craniocare.scheduling.models import Practitioner
from tests.clock import TORONTO
from tests.factories import give_hours
from tests.office.helpers import book
from tests.signin import PASSWORD, totp_code, totp_secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A Thursday well ahead of any run of these tests, on the practitioner's (Toronto) clock.
THURSDAY = date(2030, 3, 14)


def snap(page, screenshots_dir, name, width):
    page.screenshot(path=str(screenshots_dir / f"office-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    from tests.browsing import serious_axe_violations

    assert serious_axe_violations(page) == []


def sign_in(page, live_server, user, next_url):
    secret = totp_secret(user)
    page.goto(live_server.url + next_url)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_front_desk_books_a_caller_by_phone_outside_hours_and_moves_it(
    live_server, request, width, serena, frank, alice, session60, screenshots_dir
):
    practitioner = Practitioner.objects.get(user=serena)
    give_hours(practitioner)
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
    url = reverse("office:booking_new") + f"?practitioner={practitioner.pk}&start={THURSDAY}T18:30"
    sign_in(page, live_server, frank, url)

    assert page.get_by_role("heading", level=1).inner_text() == "Book a client in"
    page.get_by_label("Name", exact=True).fill("Chris Phonebook")
    page.get_by_label("Phone (or email)").fill("416 555 0177")
    page.get_by_role("button", name="Book", exact=True).click()
    warning = page.get_by_role("alert")
    assert "Thursday 18:30 is outside Serena Hale's hours" in warning.inner_text()
    assert "Book anyway?" in warning.inner_text()
    assert page.get_by_label("Name", exact=True).input_value() == "Chris Phonebook"
    assert not Booking.objects.exists()
    snap(page, screenshots_dir, "booking-outside-hours", width)
    page.get_by_role("button", name="Book anyway").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Chris Phonebook"
    booking = Booking.objects.get()
    assert booking.client_email == "" and booking.source == Source.OFFICE
    assert page.get_by_text("No email address: they get no emails").is_visible()
    snap(page, screenshots_dir, "booking-by-phone", width)

    # An online booking from London: first visit, their zone and their clock.
    online = book(
        serena,
        Client.objects.get(user=alice),
        session60,
        datetime.combine(THURSDAY, time(11), TORONTO),
        source=Source.ONLINE,
        first_visit=True,
        booked_tz="Europe/London",
    )
    page.goto(live_server.url + reverse("office:booking", args=[online.pk]))
    assert "Yes, their first session" in page.locator("#first-visit").inner_text()
    assert "Thu 14 Mar 15:00 their time" in page.locator("#their-zone").inner_text()
    snap(page, screenshots_dir, "booking-detail", width)

    page.locator(".free-times button").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Move this booking?"
    assert page.get_by_label("Email Alice Martin the new time").is_checked()
    snap(page, screenshots_dir, "booking-move-confirm", width)
    page.get_by_role("button", name="Yes, move it").click()
    assert page.get_by_text("Moved to").is_visible()
    online.refresh_from_db()
    assert online.start != datetime.combine(THURSDAY, time(11), TORONTO)
