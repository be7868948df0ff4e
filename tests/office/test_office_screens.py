"""Every office screen in a real Chromium at 390 and 1280 px: axe-core clean, no sideways
scroll, and a screenshot of each.

The screenshots go to tmp/screenshots/; with CRANIOCARE_DOCS_SCREENSHOTS=1 they are written to
docs/screenshots/office-<screen>-<width>.png instead (small palette PNGs, CSS pixels), which
docs/office.md shows:

    CRANIOCARE_DOCS_SCREENSHOTS=1 CI=true .venv/bin/pytest -q tests/office/test_office_screens.py
"""

from __future__ import annotations

import os
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.clients.models import Client
from tests.browsing import serious_axe_violations
from tests.clock import TORONTO
from tests.factories import ClientFactory, ContactMessageFactory
from tests.office.helpers import book
from tests.office.test_clients_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MAX_HEIGHT = 2400  # CSS pixels: the top of a long page is what a reader needs to see


def _target(screenshots_dir: Path) -> Path:
    if os.environ.get("CRANIOCARE_DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return screenshots_dir


def _shrink(path: Path) -> None:
    """A palette PNG (256 colours), cut at MAX_HEIGHT: a few tens of kilobytes a screen."""
    from PIL import Image

    with Image.open(path) as image:
        cropped = image.crop((0, 0, image.width, min(image.height, MAX_HEIGHT)))
        small = cropped.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


@pytest.fixture
def office_day(serena, alice, bob, session60):
    """A small day: Alice at 14:00 today (or tomorrow, late in the day), Bob on Thursday, a
    phone caller with a long name, and two messages in the inbox."""
    now = timezone.localtime(timezone.now(), TORONTO)
    day = now.date() if now.hour < 13 else now.date() + timedelta(days=1)
    alice_client = Client.objects.get(user=alice)
    booking = book(serena, alice_client, session60, datetime.combine(day, time(14), TORONTO))
    book(
        serena,
        Client.objects.get(user=bob),
        session60,
        datetime.combine(day + timedelta(days=1), time(10), TORONTO),
    )
    caller = ClientFactory(name="Chris Phonebooker", email="chris@example.org")
    book(serena, caller, session60, datetime.combine(day + timedelta(days=2), time(11), TORONTO))
    message = ContactMessageFactory(name="Dana Quill", email="dana@example.org")
    ContactMessageFactory(name="Ezra Lund", message="Do you offer sessions for children?")
    return {"booking": booking, "client": alice_client, "message": message, "day": day}


def _screens(practice: dict) -> list[tuple[str, str]]:
    day = practice["day"]
    return [
        ("today", reverse("office:today")),
        ("calendar-day", reverse("office:calendar") + f"?view=day&date={day:%Y-%m-%d}"),
        ("calendar-week", reverse("office:calendar") + f"?view=week&date={day:%Y-%m-%d}"),
        ("booking-detail", reverse("office:booking", args=[practice["booking"].pk])),
        ("booking-new", reverse("office:booking_new")),
        ("clients", reverse("office:clients")),
        ("client-profile", reverse("office:client", args=[practice["client"].pk])),
        ("inbox", reverse("office:inbox")),
        ("inbox-message", reverse("office:inbox_message", args=[practice["message"].pk])),
        ("availability", reverse("office:availability")),
        ("services", reverse("office:services")),
        ("service-form", reverse("office:service_new")),
        ("settings", reverse("office:settings")),
        ("calendar-feed", reverse("office:feed")),
        ("account", reverse("office:account")),
    ]


@pytest.mark.parametrize("width", [390, 1280])
def test_every_office_screen_is_accessible_and_fits(
    live_server, browser, width, serena, office_day, screenshots_dir
):
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width == 390 else 900},
        device_scale_factor=1,
        is_mobile=width == 390,
    )
    page = context.new_page()
    target = _target(screenshots_dir)
    try:
        sign_in(page, live_server, serena, reverse("office:today"))
        page.get_by_role("heading", level=1).wait_for()
        problems = []
        for name, url in _screens(office_day):
            page.goto(live_server.url + url)
            assert page.get_by_role("heading", level=1).is_visible(), name
            path = target / f"office-{name}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            _shrink(path)
            if page.evaluate("document.documentElement.scrollWidth") > width:
                problems.append(f"{name}: scrolls sideways")
            problems += [f"{name}: {v}" for v in serious_axe_violations(page)]
        assert problems == []
    finally:
        context.close()
