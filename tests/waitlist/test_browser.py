"""The waitlist in a real Chromium at 390 and 1280 px: a visitor finds "Join the waitlist" under
the week of open times, makes a mistake the form explains (keeping what was typed), joins, opens
the offer that follows and books it; the practitioner sees it on the office's Waitlist screen.
Screenshots in tmp/screenshots/, axe-core on every page, no sideways scrolling."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.bookings.models import Booking
from craniocare.waitlist.models import Entry, EntryStatus, Offer
from craniocare.waitlist.tokens import offer_token_for
from tests.browsing import serious_axe_violations
from tests.office.test_clients_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, screenshots_dir, name: str, width: int) -> None:
    page.screenshot(path=str(screenshots_dir / f"waitlist-{name}-{width}.png"), full_page=True)
    assert serious_axe_violations(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: sideways"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_visitor_joins_the_waitlist_and_books_the_time_offered(
    browser, live_server, settings, serena, session60, screenshots_dir, width
):
    settings.SITE_URL = live_server.url
    context = browser.new_context(
        timezone_id="America/Toronto",
        locale="en-CA",
        viewport={"width": width, "height": 844 if width == 390 else 900},
        is_mobile=width == 390,
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/book/?service={session60.slug}&tz=America/Toronto")
        page.get_by_text("None of these times work?").scroll_into_view_if_needed()
        check(page, screenshots_dir, "week", width)
        page.get_by_role("link", name="Join the waitlist").click()
        page.get_by_role("heading", name="Join the waitlist", level=1).wait_for()
        check(page, screenshots_dir, "join", width)

        page.get_by_label("Mornings (before noon)").check()
        page.get_by_label("Your name").fill("Alice Martin")
        page.get_by_label("Email address").fill("alice.example.com")
        page.get_by_role("button", name="Join the waitlist").click()
        page.get_by_role("heading", name="Please check one thing").wait_for()
        assert page.get_by_label("Your name").input_value() == "Alice Martin"
        assert page.get_by_label("Mornings (before noon)").is_checked()
        check(page, screenshots_dir, "join-error", width)

        page.get_by_label("Email address").fill("alice@example.com")
        page.get_by_role("button", name="Join the waitlist").click()
        page.get_by_role("heading", name="You are on the waitlist").wait_for()
        check(page, screenshots_dir, "joined", width)

        entry = Entry.objects.get()
        # Mornings are free in the coming weeks: the run queued after joining offered one.
        offer = Offer.objects.get(entry=entry)
        page.goto(live_server.url + reverse("waitlist:offer", args=[offer_token_for(offer.uid)]))
        page.get_by_role("heading", name="A time is free for you").wait_for()
        check(page, screenshots_dir, "offer", width)
        page.get_by_role("button", name="Book this time").click()
        page.wait_for_url("**/bookings/*/confirmed/**")
        check(page, screenshots_dir, "booked", width)
        booking = Booking.objects.get()
        assert booking.start == offer.start
        entry.refresh_from_db()
        assert entry.status == EntryStatus.BOOKED
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_office_waitlist_screen(
    browser, live_server, serena, session60, screenshots_dir, width
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import WaitlistEntryFactory

    today = timezone.localdate()
    WaitlistEntryFactory(service=session60, name="Carol Diaz", phone="416-555-0199")
    WaitlistEntryFactory(
        service=session60,
        name="Dana Quill-Lindqvist",
        parts_of_day=["afternoon", "evening"],
        last_day=today + timedelta(days=40),
    )
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width == 390 else 900},
        is_mobile=width == 390,
    )
    page = context.new_page()
    try:
        sign_in(page, live_server, serena, reverse("office:waitlist"))
        page.get_by_role("heading", name="Waitlist", level=1).wait_for()
        check(page, screenshots_dir, "office-list", width)
        page.get_by_role("link", name=session60.name).click()
        page.get_by_role("heading", name=f"Waitlist: {session60.name}").wait_for()
        check(page, screenshots_dir, "office-service", width)
        page.get_by_role("button", name="Offer this time to Carol Diaz").click()
        page.get_by_text("The email with the link is on its way").wait_for()
        check(page, screenshots_dir, "office-offered", width)
        assert Offer.objects.filter(entry__name="Carol Diaz", by_hand=True).count() == 1
    finally:
        context.close()
