"""The public website in a real Chromium: screenshots at phone and desktop widths, axe-core."""

import pytest
from django.urls import reverse

from tests.browsing import serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_home_page_at_phone_and_desktop_widths(
    live_server, demo_site, desktop_page, phone_page, screenshots_dir
):
    for page, name in [(desktop_page, "home-1280"), (phone_page, "home-390")]:
        page.goto(live_server.url + reverse("website:home"))
        assert page.get_by_role("heading", level=1).is_visible()
        assert page.get_by_role("link", name="Book a session").first.is_visible()
        page.screenshot(path=str(screenshots_dir / f"{name}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], "no horizontal scrolling"


def test_it_lets_a_keyboard_user_skip_to_the_content(live_server, demo_site, desktop_page):
    desktop_page.goto(live_server.url + reverse("website:home"))
    desktop_page.keyboard.press("Tab")
    skip = desktop_page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    desktop_page.keyboard.press("Enter")
    assert desktop_page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize(
    "path",
    ["/", "/services/", "/what-to-expect/", "/about/", "/faq/", "/contact/", "/articles/"],
)
def test_it_has_no_serious_accessibility_violations(live_server, demo_site, desktop_page, path):
    desktop_page.goto(live_server.url + path)
    assert serious_axe_violations(desktop_page) == []


def test_it_loads_nothing_from_other_origins(live_server, demo_site, desktop_page):
    requested: list[str] = []
    desktop_page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    desktop_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    desktop_page.goto(live_server.url + "/")
    desktop_page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(live_server.url) for url in requested)
    assert errors == [], "no CSP violations or script errors"
