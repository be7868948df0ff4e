"""Consent by body region in a real Chromium: the missing consent's warning and the reason asked
for at signing are readable, labelled and axe-core clean (screenshots in tmp/screenshots/)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.clinical.models import SessionNote
from craniocare.clinical.services import NoteContent
from tests.browsing import serious_axe_violations
from tests.clinical.helpers import session, written_note
from tests.office.test_clients_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_missing_consent_is_named_and_the_reason_is_kept(
    live_server, browser, serena, alice_client, session60, screenshots_dir
):
    booking = session(serena, alice_client, session60, days_ago=1)
    written_note(booking, serena, NoteContent(areas=["intraoral_pterygoids"]))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, serena, reverse("office:session_note", args=[booking.pk]))
        alert = page.get_by_role("alert")
        assert "Intraoral (inside the mouth) work" in alert.inner_text()
        page.screenshot(path=str(screenshots_dir / "clinical-consent-gap-1280.png"), full_page=True)
        assert serious_axe_violations(page) == []
        page.get_by_role("checkbox", name="I have read this note").check()
        page.get_by_role("button", name="Sign note").click()  # no reason yet: refused
        page.get_by_text("did not hold a valid consent for this session").wait_for()
        assert SessionNote.objects.get(booking=booking).signed_at is None
        page.get_by_label("Why you sign without that consent").fill(
            "Consent given aloud before the work; the written form follows."
        )
        page.get_by_role("checkbox", name="I have read this note").check()
        page.get_by_role("button", name="Sign note").click()
        page.get_by_text("Note signed.").wait_for()
        assert "Consent given aloud" in page.locator("main").inner_text()
        page.screenshot(path=str(screenshots_dir / "clinical-consent-ack-1280.png"), full_page=True)
        assert serious_axe_violations(page) == []
    finally:
        context.close()
    note = SessionNote.objects.get(booking=booking)
    assert note.consent_missing == ["intraoral"] and note.is_signed
