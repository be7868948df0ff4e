"""Client screens in a real Chromium: live search with htmx, the profile at phone and desktop
widths (screenshots), axe-core on the list, the profile and the merge step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.bookings.models import Status
from craniocare.clients.models import Client
from tests.browsing import serious_axe_violations
from tests.factories import ClientFactory
from tests.office.helpers import book
from tests.signin import PASSWORD, totp_code, totp_secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user, next_url):
    secret = totp_secret(user)
    page.goto(live_server.url + next_url)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign in").click()


def check(page, screenshots_dir, name, width):
    page.screenshot(path=str(screenshots_dir / f"office-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    assert serious_axe_violations(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_it_searches_live_and_shows_a_readable_profile(
    live_server, request, width, serena, alice, bob, session60, screenshots_dir
):
    alice_client = Client.objects.get(user=alice)
    alice_client.practice_notes = "Prefers the first session of the day; parks at the back."
    alice_client.save()
    for n in range(30):
        ClientFactory(name=f"Quinn Example {n:02d}", email=f"quinn{n}@example.org")
    now = timezone.now().replace(second=0, microsecond=0)
    book(serena, alice_client, session60, now + timedelta(days=3))
    book(serena, alice_client, session60, now - timedelta(days=20), status=Status.COMPLETED)
    book(serena, alice_client, session60, now - timedelta(days=40), status=Status.NO_SHOW)
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")

    sign_in(page, live_server, serena, reverse("office:clients"))
    assert page.get_by_role("heading", level=1).inner_text() == "Clients"
    check(page, screenshots_dir, "clients", width)

    page.get_by_label("Search clients").fill("555-0101")  # typing, no submit: htmx
    page.wait_for_url("**q=555-0101")
    page.get_by_text("1 match for").wait_for()
    results = page.get_by_role("list", name="Clients").get_by_role("listitem")
    assert results.count() == 1

    page.get_by_role("link", name="Alice Martin").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Alice Martin"
    assert page.get_by_role("heading", name="Clinical records").is_visible()
    check(page, screenshots_dir, "client-profile", width)

    page.get_by_label("Private notes").fill("Prefers mornings.")
    page.get_by_role("button", name="Save notes").click()
    page.get_by_role("status").get_by_text("Saved.").wait_for()
    assert Client.objects.get(pk=alice_client.pk).practice_notes == "Prefers mornings."

    page.get_by_role("link", name="Merge a duplicate").click()
    page.get_by_label("Find the duplicate").fill("quinn example 07")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Compare Quinn Example 07").click()
    check(page, screenshots_dir, "client-merge", width)
