"""In a real Chromium: a practitioner signs in with a TOTP code, sees today's sessions, books a
client in by phone from a free time, reschedules it and marks a past session completed.
Screenshots of Today and the week at 390 px and 1280 px; axe-core on each."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.bookings.models import Booking, Source, Status
from craniocare.clients.models import Client
from craniocare.scheduling.models import Practitioner, WorkingHours
from tests.browsing import serious_axe_violations
from tests.clock import TORONTO
from tests.office.helpers import book
from tests.signin import PASSWORD, totp_code, totp_secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def snap(page, screenshots_dir, name, width):
    page.screenshot(path=str(screenshots_dir / f"office-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    assert serious_axe_violations(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_it_books_reschedules_and_completes_from_the_calendar(
    live_server, request, width, serena, alice, bob, session60, screenshots_dir
):
    practitioner = Practitioner.objects.get(user=serena)
    for weekday in range(7):
        WorkingHours.objects.create(
            practitioner=practitioner, weekday=weekday, start=time(6), end=time(22)
        )
    now = timezone.localtime(timezone.now(), TORONTO)
    past_start = max(
        datetime.combine(now.date(), time(0), TORONTO),
        (now - timedelta(hours=2)).replace(minute=0, second=0, microsecond=0),
    )
    past = book(serena, Client.objects.get(user=alice), session60, past_start)
    secret = totp_secret(serena)

    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
    page.goto(live_server.url + reverse("office:today"))
    page.get_by_label("Email").fill(serena.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign in").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Today"
    sessions = page.get_by_role("list", name="Today's sessions").get_by_role("listitem")
    assert "Alice Martin" in sessions.first.inner_text()
    snap(page, screenshots_dir, "today-calendar", width)

    # Book Bob in by phone from the first free time.
    page.locator(".today-free a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Book a client in"
    page.get_by_label("Search by name, email or phone").fill("Bob")
    page.get_by_role("radio", name="Bob Nguyen").check()
    snap(page, screenshots_dir, "booking-new", width)
    page.get_by_role("button", name="Book", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bob Nguyen"
    booking = Booking.objects.get(client__email="bob@example.com")
    assert booking.source == Source.OFFICE
    snap(page, screenshots_dir, "booking", width)

    # Reschedule it to another free time.
    page.locator(".free-times button").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Move this booking?"
    assert Booking.objects.get(pk=booking.pk).start == booking.start  # not before confirming
    page.get_by_role("button", name="Yes, move it").click()
    assert page.get_by_text("Moved to").is_visible()
    moved = Booking.objects.get(pk=booking.pk)
    assert moved.start != booking.start and moved.status == Status.CONFIRMED

    # Mark the past session completed.
    page.goto(live_server.url + reverse("office:booking", args=[past.pk]))
    page.get_by_role("button", name="Mark completed").click()
    assert page.get_by_text("Marked completed.").is_visible()
    assert Booking.objects.get(pk=past.pk).status == Status.COMPLETED

    page.goto(live_server.url + reverse("office:calendar") + "?view=week")
    assert page.get_by_role("heading", level=1).inner_text() == "Calendar"
    snap(page, screenshots_dir, "calendar-week", width)
    page.goto(live_server.url + reverse("office:calendar"))
    snap(page, screenshots_dir, "calendar-day", width)
