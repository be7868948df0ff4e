"""Signing staff in the way they really do: password, then a TOTP code, through allauth's views.

    sign_in_with_mfa(client, serena)            # enrols a TOTP authenticator if she has none

The code is computed with allauth's own TOTP functions from the authenticator's secret. allauth
accepts each code once per user: a second sign-in of the same user inside the same 30-second
window needs the clock moved on (time_machine), as a person would wait for the next code.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from django.test import Client
from django.urls import reverse

PASSWORD = "calm-hands-quiet-room-7"


def totp_secret(user: Any) -> str:
    """The user's TOTP secret, enrolling an authenticator first if they have none."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        return secret
    return decrypt(authenticator.data["secret"])


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for `secret` now (or at Unix time `at`)."""
    now = time.time() if at is None else at
    return format_hotp_value(hotp_value(secret, int(now) // mfa_settings.TOTP_PERIOD))


def set_password(user: Any, password: str = PASSWORD) -> None:
    """Give `user` this password (unchanged if it already is: a new hash would end sessions)."""
    user.refresh_from_db(fields=["password"])
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])


def sign_in_with_mfa(client: Client, user: Any, password: str = PASSWORD) -> Client:
    """Sign `user` in with password and TOTP code; returns the client."""
    set_password(user, password)
    secret = totp_secret(user)
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("mfa_authenticate"), response["Location"]
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client
