"""In a real browser at 390 and 1280 px: a practitioner publishes a new version of the intraoral
consent with "must sign again" (an empty text refused first, what was typed kept; a preview
before publishing); then Alice, who signed version 1 and has a jaw session to come, signs in to
her portal by code and is asked to read and sign version 2. axe-core on every page, screenshots
in tmp/screenshots/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.intake.models import Consent
from craniocare.intake.selectors import current_document
from tests.browsing import serious_axe_violations
from tests.intake.helpers import sign
from tests.office.test_clients_browser import sign_in
from tests.portal.helpers import code_in, delivered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_TEXT = (
    "## What happens\n\n"
    "With gloved hands, your practitioner works gently inside your mouth, along the jaw.\n\n"
    "## Your choice\n\n"
    "- You can ask to stop at any moment, by word or by raising a hand.\n"
    "- Saying no to this part changes nothing else about your session."
)


def check(page, screenshots_dir, name, width):
    page.screenshot(path=str(screenshots_dir / f"consent-texts-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: sideways"
    assert serious_axe_violations(page) == [], name


@pytest.fixture
def alice_signed_v1(jaw_booking, alice_client):
    """Alice, booked for the jaw session (tests/intake/conftest.py), signed version 1."""
    return sign(alice_client, "intraoral")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_new_intraoral_version_with_must_sign_again_reaches_the_clients_portal(
    live_server, browser, width, serena, alice_signed_v1, smtp_server, screenshots_dir
):
    viewport = {"width": width, "height": 844 if width == 390 else 900}
    office = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = office.new_page()
    try:
        sign_in(page, live_server, serena, reverse("office:settings"))
        page.get_by_role("heading", name="What clients fill in and sign").wait_for()
        check(page, screenshots_dir, "settings", width)
        page.get_by_role("link", name="Consent texts").click()
        page.get_by_role("heading", level=1, name="Consent texts").wait_for()
        assert page.get_by_text("1 consent on this version in effect").is_visible()
        check(page, screenshots_dir, "list", width)

        page.get_by_role("link", name="Publish a new version of Consent to intraoral").click()
        page.get_by_role("heading", level=1, name="New version of a consent").wait_for()
        body = page.get_by_label("Text (Markdown)")
        assert body.input_value() == alice_signed_v1.document.body.strip()
        check(page, screenshots_dir, "form", width)

        # An empty text is refused; the title and the tick stay as typed.
        page.get_by_label("Title").fill("Consent to work inside the mouth")
        body.fill("")
        page.get_by_label("Clients who signed an earlier version must sign again").check()
        page.get_by_role("button", name="Preview").click()
        page.get_by_text("Please write the text the client will read and sign.").wait_for()
        assert page.get_by_label("Title").input_value() == "Consent to work inside the mouth"
        assert page.get_by_label(
            "Clients who signed an earlier version must sign again"
        ).is_checked()
        check(page, screenshots_dir, "form-errors", width)

        page.get_by_label("Text (Markdown)").fill(NEW_TEXT)
        page.get_by_role("button", name="Preview").click()
        page.get_by_role("heading", level=1, name="Check before publishing").wait_for()
        assert page.get_by_role("heading", name="Your choice").is_visible()
        assert page.get_by_text("Consents already given do not change.").is_visible()
        assert page.get_by_text("1 client whose consent counts today is asked").is_visible()
        check(page, screenshots_dir, "preview", width)

        page.get_by_role("button", name="Publish version 2").click()
        page.get_by_text("Version 2 published.").wait_for()
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Consent to work inside the mouth"
        )
        check(page, screenshots_dir, "version", width)
    finally:
        office.close()

    second = current_document("intraoral")
    assert (second.version, second.renewal_required, second.published_by) == (2, True, serena)
    alice_signed_v1.refresh_from_db()
    assert alice_signed_v1.document_version == 1  # the consent given is not touched

    portal = browser.new_context(
        viewport=viewport, device_scale_factor=1, is_mobile=width == 390, has_touch=width == 390
    )
    page = portal.new_page()
    try:
        page.goto(live_server.url + reverse("portal:home"))
        page.get_by_label("Email address").fill("alice@example.com")
        page.get_by_role("button", name="Email me a code").click()
        page.wait_for_url(f"**{reverse('account_confirm_login_code')}**")
        [message] = delivered(smtp_server, 1)
        page.get_by_label("Code").fill(code_in(message))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"**{reverse('portal:home')}")
        page.get_by_role("heading", name="Before your next session").wait_for()
        assert page.get_by_text("asks you to read it and sign again").is_visible()
        check(page, screenshots_dir, "portal-todo", width)

        page.get_by_role("link", name="Read and sign").click()
        page.get_by_role("heading", level=1, name="Consent to work inside the mouth").wait_for()
        assert page.get_by_text("Consent · version 2").is_visible()
        assert page.get_by_text("You signed version 1 of this consent on").is_visible()
        check(page, screenshots_dir, "client-sign-again", width)
        page.get_by_label("Signature: type your name again").fill("Alice Martin")
        page.get_by_label("I have read this consent and I agree to it.").check()
        page.get_by_role("button", name="Sign this consent").click()
        page.get_by_text("Thank you. Your consent is recorded.").wait_for()
    finally:
        portal.close()

    versions = list(
        Consent.objects.filter(client=alice_signed_v1.client).values_list(
            "document_version", flat=True
        )
    )
    assert sorted(versions) == [1, 2]
