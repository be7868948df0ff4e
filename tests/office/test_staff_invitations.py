"""Staff invitations when the mail server fails: the account is kept, the practitioner is told
the email did not go out, and the invitation can always be sent again (real SMTP servers)."""

from __future__ import annotations

import re

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse

from craniocare.accounts.models import Role, User

pytestmark = pytest.mark.django_db

NINA = {
    "email": "nina@example.com",
    "first_name": "Nina",
    "last_name": "Park",
    "role": "front_desk",
}
NOT_SENT = "The account for nina@example.com is saved, but the invitation email could not be sent"
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


def test_an_invitation_while_mail_is_down_is_kept_and_sent_again_later(
    office_client, serena, dead_smtp_server, request
):
    practitioner = office_client(serena)
    response = practitioner.post(reverse("office:settings_invite"), NINA, follow=True)
    assert response.status_code == 200, "no error page"
    html = response.content.decode()
    assert NOT_SENT in html
    nina = User.objects.get(email="nina@example.com")
    assert nina.role == Role.FRONT_DESK and nina.awaits_first_sign_in
    assert f"{SEND_AGAIN}<span" in html, "the staff list offers to send it again"

    inbox = request.getfixturevalue("smtp_server")  # the mail server is back
    response = practitioner.post(
        reverse("office:settings_staff_reinvite", args=[nina.pk]), follow=True
    )
    assert "Invitation sent again to nina@example.com" in response.content.decode()
    [message] = inbox.wait_for(1)
    assert message["X-Envelope-To"] == "nina@example.com"

    office = choose_password(invite_link(message)).get(reverse("office:today"))
    assert office["Location"] == reverse("mfa_activate_totp"), "signed in; MFA still to come"
    nina.refresh_from_db()
    assert not nina.awaits_first_sign_in
    page = practitioner.get(reverse("office:settings")).content.decode()
    assert SEND_AGAIN not in page, "nothing to send once they have signed in"


def test_inviting_an_invited_address_again_sends_a_new_email(
    office_client, serena, dead_smtp_server, request
):
    practitioner = office_client(serena)
    practitioner.post(reverse("office:settings_invite"), NINA)

    inbox = request.getfixturevalue("smtp_server")
    again = {**NINA, "email": "Nina@Example.com", "role": "practitioner"}
    response = practitioner.post(reverse("office:settings_invite"), again, follow=True)
    assert response.status_code == 200
    assert "Invitation sent again to nina@example.com" in response.content.decode()
    assert User.objects.filter(email__iexact="nina@example.com").count() == 1
    assert User.objects.get(email="nina@example.com").role == Role.PRACTITIONER
    [message] = inbox.wait_for(1)
    assert message["X-Envelope-To"] == "nina@example.com"


def test_it_does_not_reinvite_someone_who_has_signed_in(office_client, serena, frank, smtp_server):
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
    assert smtp_server.wait_for(1, timeout=0.5) == []
