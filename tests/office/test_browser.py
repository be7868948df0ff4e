"""The practitioner's first sign-in in a real Chromium: password, authenticator set-up from the
key shown on the page, recovery codes, Today; the next sign-in asks for a code. Screenshots at
390 px and 1280 px; axe-core on every step."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.clients.models import Client
from tests.browsing import serious_axe_violations
from tests.clock import TORONTO
from tests.office.helpers import book
from tests.signin import PASSWORD, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def snap(page, screenshots_dir, name, width):
    page.screenshot(path=str(screenshots_dir / f"office-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    assert serious_axe_violations(page) == []


def sign_in(page, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_practitioner_enrols_and_then_signs_in_with_a_code(
    live_server, request, width, serena, alice, bob, session60, screenshots_dir
):
    today = timezone.localdate(timezone=TORONTO)
    book(
        serena,
        Client.objects.get(user=alice),
        session60,
        datetime.combine(today, time(9, 30), TORONTO),
    )
    book(
        serena,
        Client.objects.get(user=bob),
        session60,
        datetime.combine(today, time(14), TORONTO),
        first_visit=True,
    )
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")

    page.goto(live_server.url + reverse("office:today"))
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in to your account"
    snap(page, screenshots_dir, "sign-in", width)
    sign_in(page, serena.email)

    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-step verification"
    qr = page.get_by_role("img", name="QR code")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code is drawn"
    snap(page, screenshots_dir, "enrol", width)
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")  # shown in groups
    page.reload()  # a reload keeps the key the phone may already have scanned
    assert page.locator("#totp-secret").inner_text().replace(" ", "") == secret
    page.get_by_label("Six-digit code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-step verification").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    assert page.get_by_role("list", name="Recovery codes").get_by_role("listitem").count() == 10
    snap(page, screenshots_dir, "recovery-codes", width)
    page.get_by_role("link", name="I have saved them: go to the office").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Today"
    sessions = page.get_by_role("list", name="Today's sessions").get_by_role("listitem")
    assert sessions.first.inner_text().startswith("9:30")
    assert "Alice Martin" in sessions.first.inner_text()
    snap(page, screenshots_dir, "today", width)

    page.get_by_role("button", name="Sign out", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in to your account"
    assert page.get_by_text("You have signed out.").is_visible()
    sign_in(page, serena.email)

    assert page.get_by_role("heading", level=1).inner_text() == "Enter your code"
    snap(page, screenshots_dir, "code", width)
    page.get_by_label("Code").fill(totp_code(secret))  # enrolment codes are not "used up"
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Today"
