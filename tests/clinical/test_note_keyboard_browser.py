"""Charting speed: a whole note for a 60-minute session written and signed with the keyboard
only, in a real Chromium. No mouse and no `fill`/`click`: Tab moves forward through the page in
its own order (each field must be reachable by Tab, after the one before it), typing goes to
the focused field, Space ticks a box and Enter presses a button. The note starts from the last
note (areas and techniques copied), the practitioner adjusts them and writes the rest."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.clinical.models import SessionNote
from tests.clinical.helpers import session, signed_note
from tests.office.test_clients_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 60  # from one field to the next; the whole page has fewer stops than this


def tab_to(page, selector: str) -> None:
    """Press Tab until `selector` has the focus (forward only, as a keyboard user would)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    raise AssertionError(f"Tab never reached {selector}; focus is on {focused}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def tick(page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")


def test_a_full_note_is_written_and_signed_by_keyboard_only(
    live_server, browser, serena, alice_client, session60
):
    signed_note(session(serena, alice_client, session60, days_ago=14), serena)
    booking = session(serena, alice_client, session60, days_ago=0, hour=1)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, serena, reverse("office:session_note", args=[booking.pk]))
        page.get_by_role("heading", name="Start the note").wait_for()
        tab_to(page, "button[name=from_last]")
        page.keyboard.press("Enter")
        page.locator("#id_subjective").wait_for()
        # Copied from the last note: jaw left, sacrum, diaphragm; still point, sacral release.
        assert page.locator("#area-sacrum").is_checked()

        type_into(page, "#id_subjective", "Jaw clenching at night; two headaches this week.")
        type_into(page, "#id_pain_area_0", "jaw, left")
        type_into(page, "#id_pain_score_0", "5")
        type_into(page, "#id_pain_area_1", "headache")
        type_into(page, "#id_pain_score_1", "3")
        type_into(page, "#id_findings", "Left TMJ less guarded than last time; breath higher.")
        tick(page, "#area-jaw_tmj_right")  # add the right side
        tick(page, "#area-thoracic_inlet")
        tick(page, "#area-sacrum")  # untick: not worked today
        tick(page, "#technique-unwinding")
        type_into(page, "#id_techniques_other", "Occipital hold")
        tick(page, "#noticed-warmth")
        tick(page, "#noticed-subtle_movement")
        type_into(page, "#id_noticed_other", "Said the jaw felt wider")
        type_into(page, "#id_plan", "Two weeks; practise the jaw release at bedtime.")
        tab_to(page, "form.note-form button[type=submit]")
        page.keyboard.press("Enter")
        page.get_by_text("Draft saved.").wait_for()

        note = SessionNote.objects.get(booking=booking)
        assert note.subjective == "Jaw clenching at night; two headaches this week."
        assert note.pain == [{"area": "jaw, left", "score": 5}, {"area": "headache", "score": 3}]
        assert note.areas == ["jaw_tmj_left", "jaw_tmj_right", "thoracic_inlet", "diaphragm"]
        assert note.techniques == ["still_point", "sacral_release", "unwinding"]
        assert note.techniques_other == "Occipital hold"
        assert note.noticed == ["warmth", "subtle_movement"]
        assert note.plan == "Two weeks; practise the jaw release at bedtime."

        tick(page, "#id_confirm")
        tab_to(page, ".sign-box button[type=submit]")
        page.keyboard.press("Enter")
        page.get_by_text("Note signed.").wait_for()
        note.refresh_from_db()
        assert note.is_signed and note.compute_hash() == note.content_hash
    finally:
        context.close()
