"""The public holidays list of Availability in a real Chromium: readable at phone and desktop
widths, axe-core clean, and "Open this day" / "Close again" work by keyboard and click."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.clients.models import Client
from craniocare.lib.holidays import public_holidays
from craniocare.scheduling.models import HolidayOpening
from tests.office.helpers import book
from tests.office.test_availability import TORONTO
from tests.office.test_clients_browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_holidays_list_opens_and_closes_a_day(
    live_server, request, width, serena, alice, session60, screenshots_dir
):
    today = timezone.localdate(timezone=TORONTO)
    first, second = sorted(
        public_holidays("CA-ON", today + timedelta(days=1), today + timedelta(days=365))
    )[:2]
    book(
        serena,
        Client.objects.get(user=alice),
        session60,
        datetime.combine(second, time(10), TORONTO),
    )
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
    sign_in(page, live_server, serena, reverse("office:availability"))
    holidays = page.get_by_role("list", name="Public holidays")
    assert "1 booking that day" in holidays.inner_text()
    check(page, screenshots_dir, "availability-holidays", width)

    holidays.get_by_role("button", name="Open this day").first.click()
    page.get_by_text("your weekly hours apply").wait_for()
    assert HolidayOpening.objects.get().date == first
    closing = page.get_by_role("list", name="Public holidays").get_by_role(
        "button", name="Close again"
    )
    closing.focus()
    page.keyboard.press("Enter")
    page.get_by_text(f"{first:%A} {first.day} {first:%B}").first.wait_for()
    page.get_by_text("is closed again, as a public holiday").wait_for()
    assert not HolidayOpening.objects.exists()
