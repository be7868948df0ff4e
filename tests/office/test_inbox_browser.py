"""The inbox in a real Chromium: the list and a message (axe-core, screenshots), a reply sent to
the real SMTP server."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.contact.models import ContactMessage, Status
from tests.factories import ContactMessageFactory
from tests.office.test_clients_browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_it_answers_a_message_from_the_inbox(
    live_server, request, width, frank, alice, smtp_server, screenshots_dir
):
    message = ContactMessageFactory(
        name="Jordan Reyes",
        email="alice@example.com",
        message="Hello! I have had jaw tension for months. Could a session help with that?",
    )
    ContactMessageFactory(name="Priya Shah", status=Status.ANSWERED)
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")

    sign_in(page, live_server, frank, reverse("office:inbox"))
    assert page.get_by_role("heading", level=1).inner_text() == "Inbox"
    check(page, screenshots_dir, "inbox", width)

    page.get_by_role("link", name="Jordan Reyes").click()
    assert page.get_by_role("button", name="Link to Alice Martin").is_visible()
    check(page, screenshots_dir, "inbox-message", width)

    page.get_by_label("Your reply").fill("Yes, many people come for jaw tension. Warmly, Frank")
    page.get_by_role("button", name="Send reply").click()
    page.get_by_text("Reply to alice@example.com saved and queued for sending.").wait_for()
    assert len(smtp_server.wait_for(1)) == 1
    assert ContactMessage.objects.get(pk=message.pk).status == Status.ANSWERED
