"""Services and Settings in a real Chromium at phone and desktop widths: axe-core clean, no
sideways scroll, also with the form's errors shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.office.test_clients_browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_it_shows_services_and_settings_accessibly(
    live_server, request, width, serena, frank, session60, screenshots_dir
):
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
    sign_in(page, live_server, serena, reverse("office:services"))
    assert page.get_by_role("heading", level=1).inner_text() == "Services"
    check(page, screenshots_dir, "services", width)

    page.get_by_role("link", name="New service").click()
    page.get_by_label("Name", exact=True).fill("Short check-in")
    length = page.get_by_role("group", name="Length")
    length.get_by_label("hours").fill("0")
    length.get_by_label("minutes").fill("3")
    page.get_by_role("button", name="Save service").click()
    assert page.get_by_text("A session is at least 5 minutes long.").is_visible()
    check(page, screenshots_dir, "service-form-errors", width)

    page.goto(live_server.url + reverse("office:settings"))
    assert page.get_by_role("heading", level=1).inner_text() == "Settings"
    check(page, screenshots_dir, "settings", width)


@pytest.mark.parametrize("width", [390, 1280])
def test_an_invitation_waiting_for_the_mail_server_can_be_sent_again(
    live_server, request, width, serena, dead_smtp_server, screenshots_dir
):
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
    sign_in(page, live_server, serena, reverse("office:settings"))
    page.get_by_label("Email", exact=True).fill("nina@example.com")
    page.get_by_label("First name", exact=True).fill("Nina")
    page.get_by_role("button", name="Send the invitation", exact=True).click()
    assert page.get_by_text("Invitation queued for nina@example.com").is_visible(), page.locator(
        ".alert, .errorlist, .field-error"
    ).all_inner_texts()
    resend = page.get_by_role("button", name="Send the invitation again to nina@example.com")
    assert resend.is_visible()
    check(page, screenshots_dir, "settings-invitation-queued", width)

    inbox = request.getfixturevalue("smtp_server")  # the mail server is back
    resend.click()
    assert page.get_by_text("Invitation queued again for nina@example.com").is_visible()
    received = inbox.wait_for(1)
    assert len(received) == 1, "the fresh link only: the waiting invitation was cancelled"
    assert received[0]["X-Envelope-To"] == "nina@example.com"
