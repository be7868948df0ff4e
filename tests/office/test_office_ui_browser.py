"""Issue 9 in a real Chromium: the office menu on a phone, the feed page's copy button."""

from __future__ import annotations

import pytest
from django.urls import reverse

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
