"""The whole journey of issue 11 in a real Chromium, with a real SMTP server:
a new client books the jaw/TMJ session online, the confirmation email arrives, she opens the
intake link from it on a 390 px phone, fills the intake and signs the intraoral consent; the
practitioner (signed in with MFA) writes the session's note, marking the body chart by keyboard
and by mouse, signs it and adds an addendum; the client signs in to the portal with an emailed
code and downloads her record as a PDF. Every page is checked with axe-core and kept as a
screenshot at 390 and 1280 px (tmp/screenshots/journey-*)."""

from __future__ import annotations

import re
import time

import pytest
from django.urls import reverse

from craniocare.bookings.models import Booking
from craniocare.clinical.models import SessionNote
from craniocare.intake.models import Consent, IntakeSubmission, SubmissionStatus
from tests.booking_web.helpers import mail_to
from tests.browsing import serious_axe_violations
from tests.intake.test_intake_browser import fill_intake, sign_consent
from tests.office.test_clients_browser import sign_in
from tests.outbox_helpers import deliver_now
from tests.portal.helpers import code_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "nora.new@example.com"


def check(page, shots, name: str) -> None:
    """Screenshots at 390 and 1280 px, axe-core and no sideways scroll at each; the page is
    left at the width it had."""
    before = page.viewport_size
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
        page.screenshot(path=str(shots / f"journey-{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} {width}"
        assert serious_axe_violations(page) == [], f"{name} {width}"
    page.set_viewport_size(before)


def plain(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def messages_to(inbox, address: str, count: int) -> list:
    found = mail_to(inbox, address, count)
    if len(found) < count:
        deliver_now()
        found = mail_to(inbox, address, count)
    assert len(found) >= count, [m["Subject"] for m in found]
    return found


def phone(browser):
    return browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
    )


def book_online(page, base: str, shots) -> None:
    page.goto(base + "/book/")
    check(page, shots, "1-services")
    page.get_by_role("link", name="Choose Jaw and TMJ session, 60 minutes").click()
    page.locator("a.time").first.wait_for()
    for _ in range(2):  # two weeks on
        label = page.locator(".week-label").inner_text()
        page.get_by_role("link", name="Next week").click()
        deadline = time.monotonic() + 5
        while page.locator(".week-label").inner_text() == label and time.monotonic() < deadline:
            page.wait_for_timeout(50)
    check(page, shots, "2-week")
    page.locator("a.time").first.click()
    page.get_by_label("Your name").wait_for()
    page.get_by_label("Your name").fill("Nora Quinn")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Yes, this is my first visit").check()
    page.get_by_role("button", name="Continue to review").click()
    page.get_by_role("button", name="Confirm booking").wait_for()
    check(page, shots, "3-review")
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_text("You're booked").wait_for()
    check(page, shots, "4-confirmation")


def write_note(page, base: str, serena, booking, shots) -> SessionNote:
    sign_in(
        page, type("S", (), {"url": base}), serena, reverse("office:booking", args=[booking.pk])
    )
    page.get_by_role("link", name="Session note").click()
    page.get_by_role("button", name="Start a blank note").click()
    subjective = page.get_by_role("textbox", name="What the client reports", exact=True)
    subjective.focus()
    page.keyboard.type("Clenches at night; jaw clicks on the left when she yawns.")
    # Keyboard: the region's checkbox and Space.
    page.get_by_role("checkbox", name="Jaw / TMJ, left", exact=True).focus()
    page.keyboard.press("Space")
    # Mouse: a click on the figure ticks the intraoral region.
    page.locator('[data-region="intraoral_pterygoids"]').click()
    assert page.locator("#area-intraoral_pterygoids").is_checked()
    page.get_by_role("checkbox", name="Intraoral release", exact=True).check()
    page.get_by_role("textbox", name="Plan", exact=True).fill("Two weeks.")
    check(page, shots, "5-note-edit")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved.").wait_for()
    # She signed the intraoral consent before the session: no warning, nothing to explain.
    assert "Consent missing" not in page.locator("main").inner_text()
    page.get_by_role("checkbox", name="I have read this note").check()
    page.get_by_role("button", name="Sign note").click()
    page.get_by_text("Note signed.").wait_for()
    page.get_by_role("textbox", name="Reason", exact=True).fill("A detail from the end")
    page.get_by_role("textbox", name="Addendum", exact=True).fill("She felt the jaw soften.")
    page.get_by_role("button", name="Add addendum").click()
    page.get_by_text("Addendum added.").wait_for()
    check(page, shots, "6-note-signed")
    return SessionNote.objects.get(booking=booking)


def test_a_new_client_books_fills_intake_and_consent_and_gets_her_record(
    browser, live_server, live_booking_site, smtp_server, settings, screenshots_dir
):
    settings.SITE_URL = live_server.url
    serena, _pia = live_booking_site
    base = live_server.url

    context = phone(browser)
    page = context.new_page()
    try:
        book_online(page, base, screenshots_dir)
        booking = Booking.objects.get(client_email=EMAIL)
        [confirmation, *_] = messages_to(smtp_server, EMAIL, 1)
        body = plain(confirmation)
        intake_url = re.search(r"https?://\S+/intake/[^/\s]+/", body)
        consent_url = re.search(r"https?://\S+/consent/[^/\s]+/intraoral/", body)
        assert intake_url and consent_url, body
        client = booking.client
        fill_intake(page, base, client, screenshots_dir, 390, url=intake_url.group(0))
        sign_consent(page, base, client, screenshots_dir, 390, url=consent_url.group(0))
        check(page, screenshots_dir, "consent-signed")
    finally:
        context.close()
    assert IntakeSubmission.objects.get(client=client).status == SubmissionStatus.SUBMITTED
    assert Consent.objects.get(client=client).kind == "intraoral"

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        note = write_note(page, base, serena, booking, screenshots_dir)
    finally:
        context.close()
    assert note.is_signed and note.areas == ["jaw_tmj_left", "intraoral_pterygoids"]
    assert note.consent_missing == [] and note.addenda.count() == 1

    context = phone(browser)
    page = context.new_page()
    try:
        page.goto(base + reverse("portal:home"))
        page.wait_for_url("**/accounts/login/code/**")
        page.get_by_label("Email address").fill(EMAIL)
        page.get_by_role("button", name="Email me a code").click()
        page.wait_for_url(f"**{reverse('account_confirm_login_code')}**")
        check(page, screenshots_dir, "7-enter-code")
        messages = messages_to(smtp_server, EMAIL, 2)
        page.get_by_label("Code").fill(code_in(messages[-1]))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"**{reverse('portal:home')}")
        check(page, screenshots_dir, "8-portal")
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download my record (PDF)").click()
        with open(download_info.value.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
    finally:
        context.close()
