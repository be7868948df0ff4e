"""Password reset by email: queued in the outbox (the page never waits for the mail server and
answers alike for known and unknown addresses), delivered by the worker to a real SMTP server;
the new password still needs the code."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from craniocare.outbox.models import Message
from tests.outbox_helpers import deliver_now
from tests.signin import PASSWORD, totp_code, totp_secret

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "river-stones-warm-light-42"
T0 = datetime(2027, 3, 3, 14, 0, 5, tzinfo=UTC)


def test_it_emails_a_link_that_sets_a_new_password(client, serena, smtp_server, office_client):
    secret = totp_secret(serena)
    with time_machine.travel(T0, tick=False) as clock:
        elsewhere = office_client(serena)  # signed in on another device
        response = client.post(reverse("account_reset_password"), {"email": "Serena@Example.com"})
        assert response["Location"] == reverse("account_reset_password_done")
        assert smtp_server.messages == [], "queued in the outbox, not sent in the request"
        assert deliver_now().sent == 1

        [message] = smtp_server.wait_for(1)
        assert message["X-Envelope-To"] == "serena@example.com"
        assert message["Subject"] == "Serena CranioCare: Choose a new password"
        body = message.get_body(preferencelist=("plain",)).get_content()
        link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", body).group(1)

        response = client.get(link)  # allauth moves the key out of the URL into the session
        assert response.status_code == 302
        set_password_url = response["Location"]
        page = client.get(set_password_url).content.decode()
        assert "Choose a new password" in page

        response = client.post(
            set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert response["Location"] == reverse("account_reset_password_from_key_done")
        assert "_auth_user_id" not in client.session, "a reset does not sign anyone in"

        # The link works once.
        assert "This link no longer works" in client.get(link, follow=True).content.decode()

        serena.refresh_from_db()
        assert serena.check_password(NEW_PASSWORD) and not serena.check_password(PASSWORD)
        assert elsewhere.get(reverse("office:today")).status_code == 302, "other sessions end"

        clock.shift(timedelta(seconds=30))  # a fresh code
        response = client.post(
            reverse("account_login"), {"login": serena.email, "password": NEW_PASSWORD}
        )
        assert response["Location"] == reverse("mfa_authenticate"), "the code is still asked for"
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert response["Location"] == reverse("office:today")


def test_it_mails_nobody_for_an_unknown_address(client, practice, smtp_server):
    response = client.post(reverse("account_reset_password"), {"email": "eve@example.com"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert not Message.objects.exists()
    assert deliver_now().sent == 0
    assert smtp_server.messages == []


def test_a_mail_server_that_is_down_is_not_an_error_page(
    client, serena, dead_smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the worker tries at once: refused
        response = client.post(reverse("account_reset_password"), {"email": serena.email})
    assert response["Location"] == reverse("account_reset_password_done")
    waiting = Message.objects.get()
    assert waiting.status == Message.Status.QUEUED and "Connection refused" in waiting.last_error


def test_a_reset_request_never_calls_a_hanging_mail_server_and_answers_alike_for_anyone(
    client, serena, hanging_smtp_server, worker_queue, django_capture_on_commit_callbacks, request
):
    """Known and unknown addresses get the same answer, and neither calls the mail server: the
    known one's email waits in the outbox for the worker."""
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": serena.email})
    assert known["Location"] == reverse("account_reset_password_done")
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(reverse("account_reset_password"), {"email": "eve@example.com"})
    assert unknown.status_code == known.status_code
    assert unknown["Location"] == known["Location"]
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    assert hanging_smtp_server.connections == [], "the requests never called the mail server"
    queued = Message.objects.get()
    assert (queued.kind, queued.status, queued.recipients) == (
        "account_password_reset_key",
        Message.Status.QUEUED,
        ["serena@example.com"],
    )
    assert worker_queue.filter(task_path__endswith="deliver_outbox").count() == 1

    smtp_server = request.getfixturevalue("smtp_server")  # a mail server that answers
    assert deliver_now().sent == 1
    [message] = smtp_server.wait_for(1)
    assert message["X-Envelope-To"] == "serena@example.com"
    assert message["Subject"] == "Serena CranioCare: Choose a new password"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "/accounts/password/reset/key/" in body
