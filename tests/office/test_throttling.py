"""Login throttling: wrong passwords or codes pause signing in to that account for a while."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse

from tests.signin import PASSWORD, totp_code, totp_secret

pytestmark = pytest.mark.django_db

T0 = datetime(2027, 3, 3, 14, 0, 5, tzinfo=UTC)
LOCKED = "Too many unsuccessful attempts to sign in to this account."


def attempt(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_it_pauses_sign_in_after_five_wrong_passwords_then_allows_it_again(client, serena):
    totp_secret(serena)
    with time_machine.travel(T0, tick=False) as clock:
        for _ in range(5):
            response = attempt(client, serena.email, "wrong-password-123")
            assert "do not match" in response.content.decode()
            caches["default"].clear()  # the counts live in the shared cache, not per process
        response = attempt(client, serena.email, PASSWORD)
        assert response.status_code == 200, "even the right password waits"
        html = response.content.decode()
        assert LOCKED in html
        assert "paused for up to 15 minutes" in html

        clock.shift(timedelta(minutes=14))
        assert LOCKED in attempt(client, serena.email, PASSWORD).content.decode()

        clock.shift(timedelta(minutes=1, seconds=1))
        response = attempt(client, serena.email, PASSWORD)
        assert response["Location"] == reverse("mfa_authenticate")


def test_a_locked_account_does_not_lock_another(client, serena, frank):
    for _ in range(5):
        attempt(client, serena.email, "wrong-password-123")
    assert LOCKED in attempt(client, serena.email, PASSWORD).content.decode()
    assert attempt(client, frank.email, PASSWORD)["Location"] == reverse("office:today")


def test_it_pauses_after_five_wrong_codes(client, serena):
    secret = totp_secret(serena)
    with time_machine.travel(T0, tick=False) as clock:
        attempt(client, serena.email, PASSWORD)
        for _ in range(5):
            response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
            assert "Incorrect code." in response.content.decode()
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert LOCKED in response.content.decode()

        clock.shift(timedelta(minutes=15, seconds=30))
        client.post(reverse("account_login"), {"login": serena.email, "password": PASSWORD})
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert response["Location"] == reverse("office:today")


ROOT = Path(__file__).resolve().parents[2]


def settings_with(**env: str) -> str:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ACCOUNT_RATE_LIMITS, s.MFA_RATE_LIMITS, s.STAFF_IDLE_TIMEOUT, "
        "s.STAFF_SESSION_MAX_AGE, s.SESSION_COOKIE_AGE, sep='|')"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CRANIOCARE_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="craniocare.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_limits_and_timeouts_come_from_the_environment():
    assert settings_with() == ("{'login_failed': '10/m/ip,5/15m/key'}|{}|0:30:00|12:00:00|43200")
    assert settings_with(
        CRANIOCARE_LOGIN_LOCKOUT_MINUTES="30",
        CRANIOCARE_IDLE_TIMEOUT_MINUTES="10",
        CRANIOCARE_SESSION_MAX_HOURS="8",
    ) == ("{'login_failed': '10/m/ip,5/30m/key'}|{}|0:10:00|8:00:00|28800")
    assert settings_with(CRANIOCARE_RATELIMITS="off").startswith("False|False|")
