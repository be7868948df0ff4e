"""The services page with the cancellation policy, in a real Chromium at phone and desktop
widths (axe-core clean, no sideways scrolling). The booking flow's pages with the policy are
checked the same way in test_browser.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .test_browser import check, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_services_page_shows_the_cancellation_policy(
    browser, live_server, live_booking_site, screenshots_dir, width
):
    context, page = new_page(browser, width)
    try:
        page.goto(live_server.url + reverse("website:services"))
        section = page.get_by_role("region", name="Cancelling or moving a session")
        text = section.inner_text()
        assert "You can cancel or move a session online until 24 hours before it starts." in text
        assert "A late cancellation or a missed session may be charged in full" in text
        check(page, screenshots_dir, f"services-policy-{width}")
    finally:
        context.close()
