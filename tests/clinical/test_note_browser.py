"""In a real Chromium at 390 and 1280 px: Serena writes a session note, marks the body chart by
keyboard (a region's checkbox, Space) and by mouse (a click on the figure), signs it after
confirming, and adds an addendum that shows under the original. axe-core finds nothing serious
on each page; screenshots go to tmp/screenshots/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.clinical.models import SessionNote
from tests.browsing import serious_axe_violations
from tests.clinical.helpers import session, signed_note
from tests.office.test_clients_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, screenshots_dir, name: str, width: int) -> None:
    page.screenshot(path=str(screenshots_dir / f"clinical-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: sideways"
    assert serious_axe_violations(page) == [], name


@pytest.mark.parametrize("width", [390, 1280])
def test_a_practitioner_writes_marks_signs_and_amends_a_note(
    live_server, browser, width, serena, alice_client, session60, screenshots_dir
):
    earlier = session(serena, alice_client, session60, days_ago=14)
    signed_note(earlier, serena)
    booking = session(serena, alice_client, session60, days_ago=0, hour=1)
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width == 390 else 900},
        device_scale_factor=1,
        is_mobile=width == 390,
    )
    page = context.new_page()
    try:
        sign_in(page, live_server, serena, reverse("office:booking", args=[booking.pk]))
        page.get_by_role("link", name="Session note").click()
        page.get_by_role("heading", name="Start the note").wait_for()
        check(page, screenshots_dir, "note-start", width)
        page.get_by_role("button", name="Start a blank note").click()

        page.get_by_role("textbox", name="What the client reports", exact=True).fill(
            "Jaw clenching at night; tired."
        )
        page.get_by_role("textbox", name="Symptom or area 1", exact=True).fill("jaw, left")
        page.get_by_role("spinbutton", name="Pain 1, 0 to 10").fill("6")
        page.get_by_role("textbox", name="Findings", exact=True).fill(
            "Left TMJ guarded; shallow breath."
        )
        # Keyboard: focus a region's checkbox and press Space, as a keyboard user would.
        page.get_by_role("checkbox", name="Jaw / TMJ, left", exact=True).focus()
        page.keyboard.press("Space")
        page.get_by_role("checkbox", name="Neck", exact=True).focus()
        page.keyboard.press("Tab")  # Tab moves through the regions in order
        page.keyboard.press("Space")  # ... and Space ticks the next one: Thoracic inlet
        # Mouse: click regions on the figures.
        page.locator('[data-region="diaphragm"]').click()
        page.locator('[data-region="sacrum"]').click()
        assert page.get_by_role("checkbox", name="Diaphragm", exact=True).is_checked()
        assert page.get_by_role("checkbox", name="Sacrum", exact=True).is_checked()
        page.get_by_role("checkbox", name="Still point", exact=True).check()
        page.get_by_role("checkbox", name="Warmth", exact=True).check()
        page.get_by_role("textbox", name="Plan", exact=True).fill("Two weeks.")
        check(page, screenshots_dir, "note-edit", width)
        page.get_by_role("button", name="Save draft").click()
        page.get_by_text("Draft saved.").wait_for()

        note = SessionNote.objects.get(booking=booking)
        assert note.areas == ["jaw_tmj_left", "thoracic_inlet", "diaphragm", "sacrum"]
        assert note.techniques == ["still_point"]
        assert note.pain == [{"area": "jaw, left", "score": 6}]

        page.get_by_role("button", name="Sign note").click()  # without confirming
        page.get_by_text("Tick the box to confirm").wait_for()
        page.get_by_role("checkbox", name="I have read this note").check()
        page.get_by_role("button", name="Sign note").click()
        page.get_by_text("Note signed.").wait_for()
        page.get_by_role("textbox", name="Reason", exact=True).fill(
            "A detail from the end of the session"
        )
        page.get_by_role("textbox", name="Addendum", exact=True).fill(
            "She noticed her breath dropping lower afterwards."
        )
        page.get_by_role("button", name="Add addendum").click()
        page.get_by_text("Addendum added.").wait_for()
        body = page.locator("main").inner_text()
        assert body.index("The signed note") < body.index("breath dropping lower")
        check(page, screenshots_dir, "note-signed", width)

        note.refresh_from_db()
        assert note.is_signed and note.compute_hash() == note.content_hash
        page.goto(live_server.url + reverse("office:client_clinical", args=[alice_client.pk]))
        check(page, screenshots_dir, "record", width)
        page.goto(live_server.url + reverse("office:client_audit", args=[alice_client.pk]))
        check(page, screenshots_dir, "audit", width)
        assert "Session note #" in page.locator("main").inner_text()
        page.goto(live_server.url + reverse("office:note_templates"))
        check(page, screenshots_dir, "templates", width)
    finally:
        context.close()
