"""Staff invitations through the outbox: the account and its invitation email are written
together, the request never calls the mail server (one that hangs or is down changes nothing
for the practitioner), and the worker delivers the email to a real SMTP server."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client as DjangoClient
from django.urls import reverse

from craniocare.accounts.models import Role, User
from craniocare.outbox.models import Message
from tests.outbox_helpers import deliver_now

pytestmark = pytest.mark.django_db

NINA = {
    "email": "nina@example.com",
    "first_name": "Nina",
    "last_name": "Park",
    "role": "front_desk",
}
QUEUED = "Invitation queued for nina@example.com"
QUEUED_AGAIN = "Invitation queued again for nina@example.com"
SEND_AGAIN = "Send the invitation again"


def invite_link(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"http://testserver(/accounts/password/reset/key/\S+)", body).group(1)


def choose_password(link: str) -> DjangoClient:
    browser = DjangoClient()
    form_page = browser.get(link, follow=True)
    url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    password = "a-long-calm-passphrase-42"
    assert browser.post(url, {"password1": password, "password2": password}).status_code == 302
    browser.post(reverse("account_login"), {"login": NINA["email"], "password": password})
    return browser


def test_an_invitation_answers_at_once_while_the_mail_server_hangs_and_goes_out_later(
    office_client,
    serena,
    hanging_smtp_server,
    worker_queue,
    django_capture_on_commit_callbacks,
    request,
):
    practitioner = office_client(serena)
    with django_capture_on_commit_callbacks(execute=True):
        response = practitioner.post(reverse("office:settings_invite"), NINA, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert QUEUED in html
    assert f"{SEND_AGAIN}<span" in html, "the staff list can still send a fresh link"
    assert hanging_smtp_server.connections == [], "the request never called the mail server"
    nina = User.objects.get(email="nina@example.com")
    assert nina.role == Role.FRONT_DESK and nina.awaits_first_sign_in
    queued = Message.objects.get()
    assert (queued.kind, queued.status, queued.recipients) == (
        "staff_invitation",
        Message.Status.QUEUED,
        ["nina@example.com"],
    )
    assert not queued.clinical
    assert worker_queue.filter(task_path__endswith="deliver_outbox").exists(), "worker nudged"

    inbox = request.getfixturevalue("smtp_server")  # a mail server that answers
    assert deliver_now().sent == 1
    [message] = inbox.wait_for(1)
    assert message["X-Envelope-To"] == "nina@example.com"
    assert message["Subject"] == "Serena CranioCare: your office account"
    assert "back office (front desk)" in message.get_body(preferencelist=("plain",)).get_content()

    office = choose_password(invite_link(message)).get(reverse("office:today"))
    assert office["Location"] == reverse("mfa_activate_totp"), "signed in; MFA still to come"
    nina.refresh_from_db()
    assert not nina.awaits_first_sign_in
    page = practitioner.get(reverse("office:settings")).content.decode()
    assert SEND_AGAIN not in page, "nothing to send once they have signed in"


def test_an_invitation_while_mail_is_down_waits_and_goes_out_once_the_server_is_back(
    office_client, serena, dead_smtp_server, django_capture_on_commit_callbacks, request
):
    practitioner = office_client(serena)
    with django_capture_on_commit_callbacks(execute=True):  # the worker tries at once: refused
        response = practitioner.post(reverse("office:settings_invite"), NINA, follow=True)
    assert response.status_code == 200, "no error page"
    assert QUEUED in response.content.decode()
    waiting = Message.objects.get()
    assert waiting.status == Message.Status.QUEUED and waiting.attempts == 1
    assert "Connection refused" in waiting.last_error

    inbox = request.getfixturevalue("smtp_server")  # the mail server is back
    with time_machine.travel(waiting.due_at + timedelta(seconds=1), tick=False):
        assert deliver_now().sent == 1
    [message] = inbox.wait_for(1)
    assert message["X-Envelope-To"] == "nina@example.com"
    assert invite_link(message)


def test_inviting_an_invited_address_again_replaces_the_waiting_email(
    office_client, serena, django_capture_on_commit_callbacks, smtp_server
):
    practitioner = office_client(serena)
    with django_capture_on_commit_callbacks(execute=False):
        practitioner.post(reverse("office:settings_invite"), NINA)
        again = {**NINA, "email": "Nina@Example.com", "role": "practitioner"}
        response = practitioner.post(reverse("office:settings_invite"), again, follow=True)
    assert response.status_code == 200
    assert QUEUED_AGAIN in response.content.decode()
    assert User.objects.filter(email__iexact="nina@example.com").count() == 1
    assert User.objects.get(email="nina@example.com").role == Role.PRACTITIONER
    first, second = Message.objects.order_by("pk")
    first.refresh_from_db()
    assert first.status == Message.Status.CANCELLED, "one email, with the newest link"
    assert second.status == Message.Status.QUEUED

    assert deliver_now().sent == 1
    [message] = smtp_server.wait_for(1)
    assert "back office (practitioner)" in message.get_body(preferencelist=("plain",)).get_content()


def test_it_does_not_reinvite_someone_who_has_signed_in(office_client, serena, frank):
    practitioner = office_client(serena)
    frank.refresh_from_db()
    assert not frank.awaits_first_sign_in
    response = practitioner.post(
        reverse("office:settings_staff_reinvite", args=[frank.pk]), follow=True
    )
    assert "frank@example.com has already chosen a password" in response.content.decode()
    again = {**NINA, "email": frank.email}
    response = practitioner.post(reverse("office:settings_invite"), again)
    assert response.status_code == 400
    assert "Someone already has an account with this address." in response.content.decode()
    assert not Message.objects.exists()
