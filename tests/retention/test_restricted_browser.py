"""In a real Chromium at 390 and 1280 px: Serena restricts Alice's record, sees her session
hidden on Today and the calendar, opens the record from the Restricted records screen, and lifts
the restriction. axe-core finds nothing serious on each page; screenshots go to
tmp/screenshots/."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.audit.models import AuditEvent
from craniocare.clients.models import Client
from tests.browsing import serious_axe_violations
from tests.clock import TORONTO
from tests.office.helpers import book
from tests.office.test_clients_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Erasure asked for by email on 1 March; kept for the legal period."
LIFT_REASON = "She withdrew her erasure request by phone."


def check(page, screenshots_dir, name: str, width: int, *, sideways_ok: bool = False) -> None:
    page.screenshot(path=str(screenshots_dir / f"restricted-{name}-{width}.png"), full_page=True)
    if not sideways_ok:
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    assert serious_axe_violations(page) == [], name


@pytest.mark.parametrize("width", [390, 1280])
def test_a_practitioner_restricts_finds_opens_and_lifts_a_record(
    live_server, browser, width, serena, alice, bob, session60, screenshots_dir
):
    alice_client = Client.objects.get(user=alice)
    bob_client = Client.objects.get(user=bob)
    evening = timezone.localtime(timezone.now(), TORONTO).replace(minute=0, second=0, microsecond=0)
    book(serena, alice_client, session60, evening.replace(hour=21), notes="Jaw clicks at night.")
    book(serena, bob_client, session60, evening.replace(hour=19))
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width == 390 else 900},
        device_scale_factor=1,
        is_mobile=width == 390,
    )
    page = context.new_page()
    try:
        sign_in(
            page, live_server, serena, reverse("office:client_clinical", args=[alice_client.pk])
        )
        page.get_by_role("textbox", name="Reason").fill(REASON)
        page.get_by_role("button", name="Restrict this record").click()
        page.get_by_text("The record is restricted").wait_for()
        check(page, screenshots_dir, "notice", width)

        page.goto(live_server.url + reverse("office:today"))
        sessions = page.get_by_role("list", name="Today's sessions")
        assert sessions.get_by_role("link", name="Restricted record").count() == 1
        assert sessions.get_by_role("link", name="Bob Nguyen").count() == 1
        assert "Alice Martin" not in page.content()
        check(page, screenshots_dir, "today", width)
        sessions.locator("li.session").nth(1).get_by_role("link", name="Booking").click()
        page.get_by_role("heading", name="Restricted record", level=1).wait_for()
        assert "Alice Martin" not in page.content() and "Jaw clicks" not in page.content()
        check(page, screenshots_dir, "booking", width)

        page.goto(live_server.url + reverse("office:calendar"))
        assert "Alice Martin" not in page.content()
        assert page.get_by_role("link", name="Restricted record").count() >= 1
        check(page, screenshots_dir, "calendar", width, sideways_ok=True)

        page.goto(live_server.url + reverse("office:clients"))
        assert page.get_by_role("link", name="Alice Martin").count() == 0
        page.get_by_role("link", name="1 restricted record").click()
        page.get_by_role("heading", name="Restricted records", level=1).wait_for()
        assert REASON in page.content()
        check(page, screenshots_dir, "list", width)

        views = AuditEvent.objects.filter(client_id=alice_client.pk, action="view")
        before = views.count()  # the clinical page seen before restricting
        page.get_by_role("link", name="Alice Martin").click()
        page.get_by_role("button", name="Open restricted record").click()
        page.get_by_role("heading", name="Restricted record", level=2).wait_for()
        assert views.count() == before + 2  # the opening, then the clinical page's own view
        check(page, screenshots_dir, "opened", width)

        # Spaces only: the browser lets it through, the server says what is missing.
        page.get_by_role("textbox", name="Why the restriction is lifted").fill("   ")
        page.get_by_role("button", name="Lift the restriction").click()
        page.get_by_text("Please give the reason for lifting the restriction.").wait_for()
        check(page, screenshots_dir, "lift-error", width)
        page.get_by_role("textbox", name="Why the restriction is lifted").fill(LIFT_REASON)
        page.get_by_role("button", name="Lift the restriction").click()
        page.get_by_text("The restriction is lifted").wait_for()
        alice_client.refresh_from_db()
        assert not alice_client.is_restricted
        lifted = AuditEvent.objects.get(client_id=alice_client.pk, action="unrestrict")
        assert REASON in lifted.detail and LIFT_REASON in lifted.detail
        check(page, screenshots_dir, "lifted", width)

        page.goto(live_server.url + reverse("office:today"))
        assert page.get_by_role("link", name="Alice Martin").count() == 1
    finally:
        context.close()
