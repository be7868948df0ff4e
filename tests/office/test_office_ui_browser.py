"""Issue 9 in a real Chromium: the office menu on a phone, the feed page's copy button, the
calendar week's bookings (short lines, the whole booking on hover and keyboard focus)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.clock import TORONTO
from tests.factories import ClientFactory
from tests.office.helpers import book
from tests.office.test_clients_browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_menu_opens_on_a_phone_with_the_keyboard(
    live_server, phone_page, serena, screenshots_dir
):
    page = phone_page
    sign_in(page, live_server, serena, reverse("office:today"))
    nav = page.get_by_role("navigation", name="Office")
    nav.wait_for()
    assert not nav.get_by_role("link", name="Services").is_visible()  # no cut-off tabs
    menu = nav.locator("summary")
    assert menu.is_visible() and "Menu" in menu.inner_text() and "Today" in menu.inner_text()
    menu.focus()
    page.keyboard.press("Enter")
    assert nav.get_by_role("link", name="Calendar feed").is_visible()
    check(page, screenshots_dir, "menu-open", 390)
    nav.get_by_role("link", name="Services").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + reverse("office:services"))
    assert "Services" in page.locator(".office-menu summary").inner_text()


def test_the_tabs_show_in_full_on_a_desktop(live_server, desktop_page, serena):
    page = desktop_page
    sign_in(page, live_server, serena, reverse("office:today"))
    nav = page.get_by_role("navigation", name="Office")
    nav.wait_for()
    assert not nav.locator("summary").is_visible()
    for label in ("Today", "Calendar", "Clients", "Inbox", "Availability", "Calendar feed"):
        assert nav.get_by_role("link", name=label, exact=True).is_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_feed_address_shows_in_full_and_copies(
    live_server, request, width, serena, screenshots_dir
):
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in(page, live_server, serena, reverse("office:feed"))
    page.get_by_role("button", name="Make my feed address").click()
    field = page.get_by_role("textbox", name="Feed address")
    address = field.input_value()
    assert address.startswith(live_server.url + "/calendar-feed/") and address.endswith(".ics")
    box = field.bounding_box()
    assert box is not None and box["width"] <= width
    assert field.evaluate("el => el.scrollWidth <= el.clientWidth"), "the address wraps"
    assert page.get_by_role("heading", name="Google Calendar").is_visible()
    check(page, screenshots_dir, "feed-address", width)

    copy = page.get_by_role("button", name="Copy the address")
    copy.focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("status").inner_text().startswith("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == address

    page.goto(live_server.url + reverse("office:feed"))
    page.get_by_role("button", name="Make a new address…").click()
    assert page.get_by_role("heading", name="Make a new feed address?").is_visible()
    assert page.get_by_text("stop updating").first.is_visible()
    check(page, screenshots_dir, "feed-confirm", width)
    page.get_by_role("button", name="Yes, make a new address").click()
    assert page.get_by_role("textbox", name="Feed address").input_value() != address


def test_a_week_booking_shows_time_client_and_a_short_service_with_detail_on_focus(
    live_server, desktop_page, serena, session60, screenshots_dir
):
    monday = timezone.localdate(timezone=TORONTO) + timedelta(days=7)
    monday -= timedelta(days=monday.weekday())
    caller = ClientFactory(name="Chris Phonebooker", email="chris@example.org")
    book(serena, caller, session60, datetime.combine(monday, time(10), TORONTO))
    page = desktop_page
    url = reverse("office:calendar") + f"?view=week&date={monday:%Y-%m-%d}"
    sign_in(page, live_server, serena, url)
    booking = page.locator(".cal-booking").first
    first_line = booking.locator(".cal-line-1")
    assert first_line.inner_text() == "10:00 Chris Phonebooker"
    cut = "el => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight"
    assert not first_line.evaluate(cut), "the client's name is not cut off"
    assert not booking.evaluate(cut)
    assert booking.locator(".cal-line-2").inner_text() == "CST 60"
    detail = booking.locator(".cal-detail")
    assert detail.bounding_box()["width"] <= 1  # hidden until hover or focus
    booking.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus (:focus-visible)
    box = detail.bounding_box()
    assert box is not None and box["width"] > 100
    assert "CranioSacral Therapy, 60 minutes" in detail.inner_text()
    assert "10:00\xa0a.m. to 11:00\xa0a.m." in detail.inner_text()
    check(page, screenshots_dir, "calendar-week-detail", 1280)
