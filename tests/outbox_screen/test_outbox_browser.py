"""The Outbox in a real Chromium: a failed message raises the banner on Today, the practitioner
opens it, retries it, and the real SMTP server receives it (axe-core, screenshots)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from craniocare.outbox.models import Message
from craniocare.outbox.services import outbox_enqueue
from tests.office.test_clients_browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_a_failed_message_is_retried_from_the_banner(
    live_server, request, width, serena, smtp_server, screenshots_dir
):
    with transaction.atomic():
        message = outbox_enqueue(
            EmailMultiAlternatives(
                "New time: CranioSacral Therapy on Tue 19 Jan",
                "Your session has moved to Tuesday at 10:00.",
                to=["alice@example.com"],
            ),
            kind="booking_rescheduled",
            due_at=timezone.now() + timedelta(hours=1),  # not sent before it is marked failed
        )
    assert message is not None
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.FAILED,
        attempts=8,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")

    sign_in(page, live_server, serena, reverse("office:today"))
    banner = page.get_by_role("alert")
    assert "1 message could not be sent." in banner.inner_text()
    check(page, screenshots_dir, "today-failed-message", width)

    banner.get_by_role("link", name="Open the Outbox").click()
    page.get_by_role("link", name="New time").click()
    assert "Connection unexpectedly closed" in page.content()
    check(page, screenshots_dir, "outbox-message-failed", width)

    page.get_by_role("button", name="Retry now").click()
    page.get_by_text("Sending again to alice@example.com.").wait_for()
    received = smtp_server.wait_for(1)
    assert [m["Subject"] for m in received] == ["New time: CranioSacral Therapy on Tue 19 Jan"]
    page.goto(live_server.url + reverse("office:outbox") + "?show=sent")
    assert page.get_by_role("link", name="New time").is_visible()
    check(page, screenshots_dir, "outbox-sent", width)
    page.goto(live_server.url + reverse("office:today"))
    assert page.get_by_role("alert").count() == 0
