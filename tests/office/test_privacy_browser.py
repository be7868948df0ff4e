"""The demo practice in a real browser: a booking page as its practitioner and as the other
one, the 404 page, the client's portal and the sign-in page, at phone and desktop widths,
each checked with axe-core and kept as a screenshot (tmp/screenshots/)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.accounts.models import User
from craniocare.bookings.models import Booking
from craniocare.demo.bookings import KEY_PREFIX
from tests.browsing import serious_axe_violations
from tests.signin import PASSWORD, totp_code, totp_secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_practice(monkeypatch, db):
    from craniocare.demo.seed import seed_demo

    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    seed_demo()


def check(page, screenshots_dir, name, width):
    page.screenshot(path=str(screenshots_dir / f"{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    assert serious_axe_violations(page) == []


def sign_in(page, live_server, email, next_url, *, staff=True):
    secret = totp_secret(User.objects.get(email=email)) if staff else ""
    page.goto(live_server.url + reverse("account_login") + f"?next={next_url}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if staff:
        page.get_by_label("Code").fill(totp_code(secret))
        page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_booking_note_shows_to_its_practitioner_only(
    live_server, demo_practice, request, width, screenshots_dir
):
    booking = Booking.objects.get(idempotency_key=KEY_PREFIX + "alice-1")  # Serena's client
    url = reverse("office:booking", args=[booking.pk])
    for who in ("serena", "pia"):
        page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
        page.context.clear_cookies()
        sign_in(page, live_server, f"{who}@example.com", url)
        page.wait_for_url(f"**{url}")
        assert page.get_by_role("heading", level=1).inner_text() == "Alice Martin"
        note = page.get_by_text(booking.notes)
        assert note.count() == (1 if who == "serena" else 0)
        check(page, screenshots_dir, f"office-booking-as-{who}", width)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_public_pages_for_visitors_and_clients(
    live_server, demo_practice, request, width, screenshots_dir
):
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
    page.goto(live_server.url + "/no-such-page/")
    assert page.get_by_role("heading", level=1).inner_text() == "We could not find that page"
    check(page, screenshots_dir, "error-404", width)

    page.goto(live_server.url + reverse("account_login"))
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in to your account"
    check(page, screenshots_dir, "sign-in", width)

    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{reverse('portal:home')}")
    assert page.get_by_role("heading", level=1).inner_text() == "Your sessions and records"
    assert page.get_by_role("link", name="View, move or cancel").count() >= 1
    check(page, screenshots_dir, "client-portal", width)

    page.get_by_role("navigation", name="Your account").get_by_role(
        "button", name="Sign out"
    ).click()
    page.goto(live_server.url + reverse("portal:home"))
    page.wait_for_url("**/accounts/login/**")
