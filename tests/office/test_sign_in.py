"""Signing in: first time through TOTP enrolment and recovery codes, then with a code each time."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.test import Client as DjangoClient
from django.urls import reverse

from tests.signin import PASSWORD, set_password, totp_code, totp_secret

pytestmark = pytest.mark.django_db

T0 = datetime(2027, 3, 3, 14, 0, 5, tzinfo=UTC)


def sign_in_with_password(client: DjangoClient, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_it_walks_a_new_staff_member_through_enrolment(client, serena):
    response = sign_in_with_password(client, serena.email)
    assert response["Location"] == reverse("office:today")
    response = client.get(reverse("office:today"))
    assert response["Location"] == reverse("mfa_activate_totp")

    page = client.get(reverse("mfa_activate_totp")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page, "the QR code is drawn on the page itself"
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert "Incorrect code." in response.content.decode()
    assert not Authenticator.objects.filter(user=serena).exists()

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    codes = re.findall(r"<li>(\d{8})</li>", page)
    assert len(codes) == 10
    assert f'href="{reverse("office:today")}"' in page

    assert client.get(reverse("office:today")).status_code == 200
    assert Authenticator.objects.filter(user=serena, type="totp").count() == 1


def test_the_next_sign_in_asks_for_a_code(serena):
    secret = totp_secret(serena)
    with time_machine.travel(T0, tick=False) as clock:
        client = DjangoClient()
        response = sign_in_with_password(client, serena.email)
        assert response["Location"] == reverse("mfa_authenticate")
        assert client.get(reverse("office:today"))["Location"].startswith(
            reverse("account_login")
        ), "not signed in before the code"

        response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
        assert "Incorrect code." in response.content.decode()

        clock.shift(timedelta(seconds=30))
        code = totp_code(secret)
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response["Location"] == reverse("office:today")
        assert client.get(reverse("office:today")).status_code == 200

        # The same code does not open a second session.
        other = DjangoClient()
        sign_in_with_password(other, serena.email)
        response = other.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 200
        assert "Incorrect code." in response.content.decode()


def test_a_recovery_code_signs_in_once(client, serena):
    totp_secret(serena)
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    recovery = RecoveryCodes.activate(serena)
    code = recovery.get_unused_codes()[0]
    sign_in_with_password(client, serena.email)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response["Location"] == reverse("office:today")

    again = DjangoClient()
    sign_in_with_password(again, serena.email)
    response = again.post(reverse("mfa_authenticate"), {"code": code})
    assert "Incorrect code." in response.content.decode()


def test_staff_cannot_turn_two_step_verification_off(office_client, serena):
    client = office_client(serena)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=serena, type="totp").exists()
    assert "Staff accounts keep two-step verification on" in response.content.decode()


def test_a_wrong_password_gets_a_plain_answer(client, serena):
    response = sign_in_with_password(client, serena.email, "not-the-password")
    assert response.status_code == 200
    assert "That email address and password do not match an account." in response.content.decode()


def test_clients_who_sign_in_go_to_their_portal(client, alice):
    response = sign_in_with_password(client, alice.email)
    assert response["Location"] == reverse("portal:home")


def test_there_is_no_public_sign_up(client, practice):
    response = client.get(reverse("account_signup"))
    assert "Accounts are created by the practice" in response.content.decode()
    response = client.post(
        reverse("account_signup"), {"email": "eve@example.com", "password1": "x" * 16}
    )
    assert "Accounts are created by the practice" in response.content.decode()
    from craniocare.accounts.models import User

    assert not User.objects.filter(email="eve@example.com").exists()


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>")


@pytest.mark.parametrize(
    "page",
    ["sign-in", "enrolment", "code", "recovery codes", "today", "password reset"],
)
def test_sign_in_and_office_pages_need_no_inline_script_or_style(client, serena, page):
    if page == "enrolment":
        sign_in_with_password(client, serena.email)
        url = reverse("mfa_activate_totp")
    elif page == "code":
        totp_secret(serena)
        sign_in_with_password(client, serena.email)
        url = reverse("mfa_authenticate")
    elif page in {"recovery codes", "today"}:
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

        from tests.signin import sign_in_with_mfa

        sign_in_with_mfa(client, serena)
        RecoveryCodes.activate(serena)
        url = reverse("mfa_view_recovery_codes" if page == "recovery codes" else "office:today")
    else:
        url = reverse("account_login" if page == "sign-in" else "account_reset_password")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert "<style" not in html and " style=" not in html
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", html), "no third-party assets"
    csp = response["Content-Security-Policy"]
    assert "style-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.mark.django_db
def test_it_accepts_the_code_of_the_previous_step_but_not_older(serena):
    """A code typed just as it rolls over still works; one from a minute ago does not."""
    set_password(serena, PASSWORD)
    secret = totp_secret(serena)

    def attempt(seconds_ago: int) -> int:
        browser = DjangoClient()
        browser.post(reverse("account_login"), {"login": serena.email, "password": PASSWORD})
        code = totp_code(secret, at=time.time() - seconds_ago)
        response = browser.post(reverse("mfa_authenticate"), {"code": code})
        return response.status_code

    assert attempt(90) == 200  # the form again, with an error
    assert attempt(30) == 302  # signed in


def test_reloading_the_set_up_page_keeps_the_key_until_asked_for_a_new_one(client, serena):
    """A reload after scanning must not break the entry just added to the phone."""
    sign_in_with_password(client, serena.email)

    def shown_key(query: str = "") -> str:
        page = client.get(reverse("mfa_activate_totp") + query).content.decode()
        return re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")

    first = shown_key()
    assert shown_key() == first
    client.post(reverse("mfa_activate_totp"), {"code": "000000"})  # a wrong code keeps it too
    assert shown_key() == first
    fresh = shown_key("?new_key=1")
    assert fresh != first and shown_key() == fresh
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(fresh)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=serena, type="totp").count() == 1
