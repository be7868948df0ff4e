"""The contact form in a real Chromium: keyboard, error summary, axe-core, no JavaScript needed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.contact.models import ContactMessage
from tests.browsing import serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_guides_a_visitor_through_mistakes_to_the_thanks_page(
    live_server, practice, desktop_page, screenshots_dir
):
    page = desktop_page
    page.goto(live_server.url + reverse("contact:form") + "?topic=booking")
    assert serious_axe_violations(page) == []

    page.get_by_label("Your name").fill("Alice Martin")
    page.get_by_label("Email address").fill("alice@example")
    page.get_by_label("Your message").fill("Hi!")
    page.get_by_role("button", name="Send message").click()

    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text() == "Please check a few things before sending"
    assert page.get_by_label("Your name").input_value() == "Alice Martin"
    assert page.get_by_label("Help booking a session").is_checked()
    page.screenshot(path=str(screenshots_dir / "contact-errors-1280.png"), full_page=True)
    assert serious_axe_violations(page) == []

    summary.get_by_role("link", name="Please write a little more").click()
    assert page.evaluate("document.activeElement.id") == "id_message"

    page.get_by_label("Email address").fill("alice@example.com")
    page.get_by_label("Your message").fill("Could I book a first session next week, any morning?")
    page.get_by_label("You may contact me about my message").check()
    page.get_by_role("button", name="Send message").click()

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Thank you, your message is on its way"
    )
    assert serious_axe_violations(page) == []
    assert ContactMessage.objects.get().name == "Alice Martin"


def test_it_fits_a_phone_screen(live_server, practice, phone_page, screenshots_dir):
    phone_page.goto(live_server.url + reverse("contact:form"))
    phone_page.screenshot(path=str(screenshots_dir / "contact-390.png"), full_page=True)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"], "no horizontal scrolling"
    assert serious_axe_violations(phone_page) == []
