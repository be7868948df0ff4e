"""A visitor whose browser is in London books the demo's 60-minute session in a real Chromium,
with JavaScript (htmx swaps each step in place), gets the email with its calendar file from a
real SMTP server, and cancels through the emailed link. Screenshots at 390 and 1280 px; axe-core
on every step."""

from __future__ import annotations

import re
import time
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest

from craniocare.bookings.models import Booking, Status
from craniocare.lib.humanize import format_time
from tests.browsing import serious_axe_violations
from tests.clock import TORONTO

from .helpers import calendar_event, mail_to, manage_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")
SCREENSHOT_NOISE = "Applying inline style"  # Playwright's own screenshot styles, not the page's


def new_page(browser, width: int):
    phone = width < 600
    context = browser.new_context(
        timezone_id="Europe/London",
        locale="en-GB",
        viewport={"width": width, "height": 844 if phone else 900},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
    )
    return context, context.new_page()


def check(page, shots, name: str) -> None:
    """Screenshot, axe-core, and no sideways scrolling."""
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert serious_axe_violations(page) == [], name
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{name}: no horizontal scrolling"


def focused_heading(page) -> str:
    """The step heading that has the focus (after an htmx swap has settled)."""
    script = (
        "document.activeElement && document.activeElement.hasAttribute('data-step-heading')"
        " ? document.activeElement.textContent.trim() : ''"
    )
    deadline = time.monotonic() + 5
    while not (heading := page.evaluate(script)) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    return heading


@pytest.mark.parametrize("width", [390, 1280])
def test_a_visitor_in_london_books_and_cancels_with_javascript(
    browser, live_server, live_booking_site, smtp_server, settings, screenshots_dir, width
):
    settings.SITE_URL = live_server.url
    context, page = new_page(browser, width)
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error"
            and SCREENSHOT_NOISE not in msg.text
            and "status of 4" not in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    email = f"visitor{width}@example.com"
    prefix = f"booking-{width}"
    try:
        page.goto(live_server.url + "/book/")
        page.evaluate("window.stillTheSamePage = true")
        page.screenshot(path=str(screenshots_dir / f"{prefix}-1-service.png"), full_page=True)
        assert serious_axe_violations(page) == []

        # Step 2: the week, in the browser's zone, without a page load.
        page.get_by_role("link", name="Choose CranioSacral Therapy, 60 minutes").click()
        page.locator(".zone-now").wait_for()
        assert "Times shown in London time" in page.locator(".zone-now").inner_text()
        assert "tz=Europe%2FLondon" in page.url and "service=craniosacral-60" in page.url
        assert focused_heading(page) == "Choose a time"
        assert page.locator('[aria-current="step"]').inner_text().strip().endswith("Time")
        check(page, screenshots_dir, f"{prefix}-2-week")

        # Two weeks on, well outside the cancellation cutoff.
        for _ in range(2):
            label = page.locator(".week-label").inner_text()
            page.get_by_role("link", name="Next week").click()
            deadline = time.monotonic() + 5
            while page.locator(".week-label").inner_text() == label and time.monotonic() < deadline:
                page.wait_for_timeout(50)
        assert "week=" in page.url
        first = page.locator("a.time").first
        accessible = first.evaluate("el => el.textContent.replace(/\\s+/g, ' ').trim()")
        assert re.fullmatch(r"\w+day \d{1,2} \w+, \d{1,2}:\d\d [ap]\.m\.", accessible), accessible
        first.click()

        # Step 3: details; a mistake first, then the real thing.
        page.get_by_label("Your name").wait_for()
        assert focused_heading(page) == "Your details"
        check(page, screenshots_dir, f"{prefix}-3-details")
        page.get_by_role("button", name="Continue to review").click()
        page.locator(".error-summary").wait_for()
        assert "Please tell us your name" in page.locator(".error-summary").inner_text()
        check(page, screenshots_dir, f"{prefix}-3b-details-errors")
        page.get_by_label("Your name").fill("Visitor From London")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Phone (optional)").fill("+44 20 7946 0000")
        page.get_by_label("Yes, this is my first visit").check()
        page.get_by_label("Anything the practitioner should know? (optional)").fill(
            "Stiff neck after long flights."
        )
        page.get_by_role("button", name="Continue to review").click()

        # Step 4: review, both zones.
        page.get_by_role("button", name="Confirm booking").wait_for()
        assert focused_heading(page) == "Check and confirm"
        review = page.locator(".review-list").inner_text()
        assert "London time" in review and "Toronto time, the practice's time" in review
        check(page, screenshots_dir, f"{prefix}-4-review")
        page.get_by_role("button", name="Confirm booking").click()

        # Confirmation: pushed to its own address, still the same page.
        page.get_by_text("You're booked").wait_for()
        assert "/confirmed/?token=" in page.url
        assert page.evaluate("window.stillTheSamePage === true"), "no page reloads"
        check(page, screenshots_dir, f"{prefix}-5-confirmation")
        assert problems == []

        booking = Booking.objects.get(client_email=email)
        london = booking.start.astimezone(LONDON)
        assert (
            f"{format_time(london, 'en-CA')} ".replace("\u00a0", " ") in accessible + " "
            and f"{london.day} " in accessible
        )
        assert booking.booked_tz == "Europe/London"
        assert booking.start.astimezone(TORONTO).utcoffset() != london.utcoffset()
        confirmation = page.locator(".review-list").inner_text()
        assert f"{london.hour % 12 or 12}:{london:%M}\u2013" in confirmation

        # The email arrives with its calendar file and the manage link.
        (message,) = mail_to(smtp_server, email)
        calendar, event = calendar_event(message)
        assert str(calendar["METHOD"]) == "REQUEST"
        assert event.decoded("DTSTART") == booking.start.astimezone(UTC)
        assert str(event["UID"]) == f"{booking.uid}@{settings.CALENDAR_UID_DOMAIN}"
        assert mail_to(smtp_server, "hello@serenacraniocare.example")

        page.goto(live_server.url + manage_path(message))
        page.get_by_role("heading", name="Your booking", exact=True).wait_for()
        check(page, screenshots_dir, f"{prefix}-6-manage")

        page.get_by_role("link", name="Cancel booking").click()
        page.get_by_role("button", name="Yes, cancel my session").wait_for()
        assert focused_heading(page) == "Cancel your session?"
        check(page, screenshots_dir, f"{prefix}-7-cancel")
        page.get_by_label("Would you like to tell us why? (optional)").fill("Plans changed.")
        page.get_by_role("button", name="Yes, cancel my session").click()
        page.get_by_text("Your session is cancelled.").wait_for()
        assert "done=cancelled" in page.url
        check(page, screenshots_dir, f"{prefix}-8-cancelled")
        assert page.get_by_role("link", name="Book again").is_visible()

        booking.refresh_from_db()
        assert booking.status == Status.CANCELLED
        assert booking.cancellation_reason == "Plans changed."
        cancelled = mail_to(smtp_server, email, count=2)[-1]
        calendar, event = calendar_event(cancelled)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(event["UID"]) == f"{booking.uid}@{settings.CALENDAR_UID_DOMAIN}"
        assert problems == []
    finally:
        context.close()


def test_it_books_and_cancels_in_a_browser_without_javascript(
    browser, live_server, live_booking_site, smtp_server, screenshots_dir
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/book/?service=craniosacral-60")
        assert "Times shown in Toronto time" in page.locator(".zone-now").inner_text()
        page.locator("summary", has_text="Change time zone").click()
        page.get_by_label("Time zone", exact=True).select_option("Europe/London")
        page.get_by_role("button", name="Show times").click()
        assert "Times shown in London time" in page.locator(".zone-now").inner_text()
        page.get_by_role("link", name="Next week").click()  # outside the cancellation cutoff
        page.locator("a.time").first.click()
        page.get_by_label("Your name").fill("No Script")
        page.get_by_label("Email address").fill("noscript@example.com")
        page.get_by_label("No, I have been before").check()
        page.get_by_role("button", name="Continue to review").click()
        page.get_by_role("button", name="Confirm booking").click()
        page.get_by_text("You're booked").wait_for()
        page.screenshot(path=str(screenshots_dir / "booking-nojs-confirmation.png"), full_page=True)
        booking = Booking.objects.get(client_email="noscript@example.com")
        assert booking.booked_tz == "Europe/London" and booking.first_visit is False

        # The manage page's plain forms must pass the CSRF origin check: a referrer policy of
        # no-referrer would make Chromium send "Origin: null" with them.
        page.goto(live_server.url + manage_path(mail_to(smtp_server, "noscript@example.com")[0]))
        page.get_by_role("link", name="Cancel booking").click()
        page.get_by_role("button", name="Yes, cancel my session").click()
        page.get_by_text("Your session is cancelled.").wait_for()
        booking.refresh_from_db()
        assert booking.status == Status.CANCELLED
    finally:
        context.close()
