"""A new client of the jaw and TMJ session fills the intake and signs the intraoral consent on a
390 px phone from their link; then the practitioner reads it at 1280 px. Real Chromium, axe-core
on every page, screenshots at both widths in tmp/screenshots/."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.intake.defaults import SYMPTOMS
from craniocare.intake.models import Consent, IntakeSubmission, SubmissionStatus
from craniocare.intake.tokens import consent_link_for, intake_link_for
from tests.browsing import serious_axe_violations
from tests.clock import TORONTO
from tests.office.test_clients_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, screenshots_dir, name, width):
    page.screenshot(path=str(screenshots_dir / f"intake-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: sideways"
    assert serious_axe_violations(page) == [], name


def answer(page, question, choice):
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


@pytest.fixture
def jaw_client(jaw_booking, alice_client):
    """Alice, booked for the jaw session (tests/intake/conftest.py)."""
    return alice_client


def fill_intake(page, base, client, screenshots_dir, width, url=None):
    page.goto(url or base + intake_link_for(client))
    assert page.get_by_role("heading", level=1).inner_text() == "Your health intake"
    check(page, screenshots_dir, "overview", width)
    page.get_by_role("link", name="Start").click()

    # About you: a mistyped phone number is refused, and what was typed stays.
    page.get_by_label("Your full name").fill("Alice Martin")
    page.get_by_label("Your phone number").fill("call me")
    page.get_by_label("Emergency contact: name").fill("Sam Martin")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Please check").wait_for()
    assert page.get_by_label("Emergency contact: name").input_value() == "Sam Martin"
    assert page.get_by_label("Your phone number").input_value() == "call me"
    check(page, screenshots_dir, "section-errors", width)
    page.get_by_label("Your phone number").fill("416 555 0101")
    page.get_by_label("Emergency contact: phone number").fill("416 555 0199")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", level=1, name="Health history").wait_for()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", level=1, name="Medications").wait_for()
    answer(page, "Are you allergic to latex?", "No")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", level=1, name="What you notice now").wait_for()
    for key, label in SYMPTOMS:
        answer(page, label, "Yes" if key == "jaw" else "No")
    # Only the jaw's follow-up questions show (the others' answer is no).
    page.get_by_role("textbox", name="Where do you notice it?").fill("Both sides, worse at night")
    answer(page, "For how long?", "1 to 6 months")
    answer(page, "How strong is it on a usual day? (0 none, 10 the most you can imagine)", "7")
    check(page, screenshots_dir, "symptoms", width)
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", level=1, name="Your goals").wait_for()
    page.get_by_label("Feeling calmer").check()
    page.get_by_label("In your own words").fill("To stop clenching at night.")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", level=1, name="Health screening").wait_for()
    for question in (
        "Have you had a head injury",
        "Have you been told you have bleeding",
        "Have you had a stroke",
        "Have you been diagnosed with a Chiari",
        "Do you have a condition that affects the pressure",
    ):
        answer(page, question, "No")
    answer(page, "Are you pregnant, or might you be?", "No")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", level=1, name="Review and send").wait_for()
    assert page.get_by_text("Both sides, worse at night").is_visible()
    check(page, screenshots_dir, "review", width)
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", name="Thank you, your answers were sent").wait_for()


def sign_consent(page, base, client, screenshots_dir, width, url=None):
    page.goto(url or base + consent_link_for(client, "intraoral"))
    assert "intraoral" in page.get_by_role("heading", level=1).inner_text()
    check(page, screenshots_dir, "consent", width)
    page.get_by_label("Your full name").fill("Alice Martin")
    # Draw on the pad: the typed signature stays optional once drawn.
    pad = page.locator("[data-signature-pad] canvas")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, 8):
        page.mouse.move(box["x"] + 20 + step * 30, box["y"] + box["height"] / 2 + (step % 2) * 15)
    page.mouse.up()
    page.get_by_label("I have read this consent and I agree to it.").check()
    page.get_by_role("button", name="Sign this consent").click()
    page.get_by_text("Thank you. Your consent is recorded.").wait_for()
    check(page, screenshots_dir, "consent-signed", width)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_client_fills_intake_and_the_intraoral_consent_from_the_link(
    live_server, browser, width, serena, jaw_client, screenshots_dir
):
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width == 390 else 900},
        device_scale_factor=1,
        is_mobile=width == 390,
        has_touch=width == 390,
    )
    page = context.new_page()
    try:
        fill_intake(page, live_server.url, jaw_client, screenshots_dir, width)
        sign_consent(page, live_server.url, jaw_client, screenshots_dir, width)
    finally:
        context.close()

    submission = IntakeSubmission.objects.get(client=jaw_client)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.answers["jaw_strength"] == 7
    assert "pelvic_back_where" not in submission.answers
    consent = Consent.objects.get(client=jaw_client)
    assert consent.kind == "intraoral" and consent.signature_kind == "drawn"
    assert consent.signature_path.startswith("M")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_practitioner_reads_the_intake_with_its_flags(
    live_server, browser, width, serena, jaw_client, screenshots_dir
):
    from tests.intake.helpers import sign, submit_intake

    submit_intake(jaw_client)
    sign(jaw_client, kind="general")
    booking = jaw_client.bookings.get()
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width == 390 else 900}, device_scale_factor=1
    )
    page = context.new_page()
    try:
        url = reverse("office:intake_client", args=[jaw_client.pk])
        sign_in(page, live_server, serena, url)
        page.get_by_role("heading", name="Flagged answers").wait_for()
        check(page, screenshots_dir, "office-client", width)
        page.goto(live_server.url + reverse("office:intake_fill", args=[jaw_client.pk]))
        check(page, screenshots_dir, "office-fill", width)
        page.goto(live_server.url + reverse("office:intake_form"))
        check(page, screenshots_dir, "office-form", width)
        # The jaw session has no intraoral consent yet: the calendar and its page say so.
        day = timezone.localtime(booking.start, TORONTO).date()
        page.goto(live_server.url + reverse("office:calendar") + f"?date={day:%Y-%m-%d}")
        assert page.get_by_text("Consent needed: intraoral work").first.is_visible()
        check(page, screenshots_dir, "office-calendar-flag", width)
        page.goto(live_server.url + reverse("office:booking", args=[booking.pk]))
        assert page.locator("#consent-flag").is_visible()
        sign(jaw_client)
        page.reload()
        assert page.locator("#consent-flag").count() == 0
    finally:
        context.close()
