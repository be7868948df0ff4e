"""Availability in a real Chromium: the page and the "would strand a booking" step (axe-core,
screenshots at phone and desktop widths)."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.urls import reverse

from craniocare.bookings.models import Booking, Status
from craniocare.clients.models import Client
from tests.office.helpers import book
from tests.office.test_availability import TORONTO, next_weekday
from tests.office.test_clients_browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_it_asks_before_stranding_a_booking(
    live_server, request, width, serena, alice, session60, screenshots_dir
):
    booking = book(
        serena,
        Client.objects.get(user=alice),
        session60,
        datetime.combine(next_weekday(1), time(15), TORONTO),
    )
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
    sign_in(page, live_server, serena, reverse("office:availability"))
    assert page.get_by_role("heading", level=1).inner_text() == "Availability"
    check(page, screenshots_dir, "availability", width)

    page.get_by_label("Tuesday, second range, from").fill("")
    page.get_by_label("Tuesday, second range, until").fill("")
    page.get_by_role("button", name="Save weekly hours").click()
    stranded = page.get_by_role("list", name="Bookings outside the new hours")
    assert "Alice Martin" in stranded.inner_text()
    check(page, screenshots_dir, "availability-decide", width)
    page.get_by_role("button", name="Save and keep them all").click()
    page.get_by_text(
        "Your weekly hours are saved. One booking stays as it was, outside your hours."
    ).wait_for()
    assert Booking.objects.get(pk=booking.pk).status == Status.CONFIRMED
