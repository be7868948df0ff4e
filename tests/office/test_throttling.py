"""Login throttling: wrong passwords or codes pause signing in to that account for a while; one
address (an office behind a NAT or proxy) is limited only where a script gets to, and each
refusal says which of the two is paused and for how long."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache as django_cache
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.signin import PASSWORD, totp_code, totp_secret

pytestmark = pytest.mark.django_db

T0 = datetime(2027, 3, 3, 14, 0, 5, tzinfo=UTC)
LOCKED = "Signing in to this account is paused for"
NETWORK = "Too many sign-in attempts from your network; try again in about"


def attempt(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_it_pauses_sign_in_after_five_wrong_passwords_then_allows_it_again(client, serena):
    totp_secret(serena)
    with time_machine.travel(T0, tick=False) as clock:
        for _ in range(5):
            response = attempt(client, serena.email, "wrong-password-123")
            assert "do not match" in response.content.decode()
            caches["pages"].clear()  # the counts live in the database cache, not per process
        response = attempt(client, serena.email, PASSWORD)
        assert response.status_code == 200, "even the right password waits"
        html = response.content.decode()
        assert f"{LOCKED} 15 minutes after several wrong passwords" in html

        clock.shift(timedelta(minutes=14))
        html = attempt(client, serena.email, PASSWORD).content.decode()
        assert f"{LOCKED} 1 minute after" in html, "the time left, not the whole pause"

        clock.shift(timedelta(minutes=1, seconds=1))
        response = attempt(client, serena.email, PASSWORD)
        assert response["Location"] == reverse("mfa_authenticate")


def test_a_locked_account_does_not_lock_another(client, serena, frank):
    for _ in range(5):
        attempt(client, serena.email, "wrong-password-123")
    assert LOCKED in attempt(client, serena.email, PASSWORD).content.decode()
    assert attempt(client, frank.email, PASSWORD)["Location"] == reverse("office:today")


def test_many_wrong_passwords_for_one_account_leave_other_accounts_open(client, serena, frank):
    """Everyone in an office shares one address: one person's (or one attacker's) wrong
    passwords for one account must not lock the others out."""
    with time_machine.travel(T0, tick=False):
        for _ in range(20):
            attempt(client, serena.email, "wrong-password-123")
        response = attempt(client, frank.email, PASSWORD)
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == reverse("office:today")

        html = attempt(Client(), serena.email, PASSWORD).content.decode()  # signed out
        assert f"{LOCKED} 15 minutes" in html
        assert NETWORK not in html


def use_limits(settings, *, per_address: int, posts: int = 1000) -> None:
    """Lower limits per address for a test: the real ones take hundreds of requests to reach."""
    settings.ACCOUNT_RATE_LIMITS = {
        "login_failed": f"5/15m/key,{per_address}/60m/ip",
        "login": f"{posts}/60m/ip",
    }


def test_past_the_limit_per_address_it_says_the_network_is_paused(client, frank, settings):
    use_limits(settings, per_address=8)
    with time_machine.travel(T0, tick=False) as clock:
        for n in range(8):
            html = attempt(client, f"guess{n}@example.com", "wrong-password-123").content.decode()
            assert "do not match" in html
        response = attempt(client, frank.email, PASSWORD)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"{NETWORK} 60 minutes." in html
        assert LOCKED not in html, "no account is paused, and none is blamed"

        clock.shift(timedelta(minutes=45))
        assert f"{NETWORK} 15 minutes." in attempt(client, frank.email, PASSWORD).content.decode()
        clock.shift(timedelta(minutes=15, seconds=1))
        assert attempt(client, frank.email, PASSWORD)["Location"] == reverse("office:today")


def test_too_many_sign_in_posts_from_one_address_get_a_429_that_says_so(client, frank, settings):
    use_limits(settings, per_address=100, posts=3)
    with time_machine.travel(T0, tick=False):
        for _ in range(3):
            attempt(client, "someone@example.com", "wrong-password-123")
        response = attempt(client, frank.email, PASSWORD)
        assert response.status_code == 429
        assert f"{NETWORK} 60 minutes." in response.content.decode()


def test_visitors_behind_a_trusted_proxy_are_counted_apart(frank, settings):
    use_limits(settings, per_address=5)
    settings.TRUSTED_PROXIES = frozenset({"127.0.0.1"})  # the test client's REMOTE_ADDR
    first = Client(HTTP_X_FORWARDED_FOR="203.0.113.7")
    second = Client(HTTP_X_FORWARDED_FOR="198.51.100.20")
    with time_machine.travel(T0, tick=False):
        for n in range(5):
            attempt(first, f"guess{n}@example.com", "wrong-password-123")
        assert NETWORK in attempt(first, frank.email, PASSWORD).content.decode()
        assert attempt(second, frank.email, PASSWORD)["Location"] == reverse("office:today")


def test_without_a_trusted_proxy_a_forwarded_address_changes_nothing(frank, settings):
    use_limits(settings, per_address=5)
    first = Client(HTTP_X_FORWARDED_FOR="203.0.113.7")
    second = Client(HTTP_X_FORWARDED_FOR="198.51.100.20")  # anyone can write this header
    with time_machine.travel(T0, tick=False):
        for n in range(5):
            attempt(first, f"guess{n}@example.com", "wrong-password-123")
        assert NETWORK in attempt(second, frank.email, PASSWORD).content.decode()


def test_it_pauses_after_five_wrong_codes(client, serena):
    secret = totp_secret(serena)
    with time_machine.travel(T0, tick=False) as clock:
        attempt(client, serena.email, PASSWORD)
        for _ in range(5):
            response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
            assert "Incorrect code." in response.content.decode()
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert f"{LOCKED} up to 15 minutes" in response.content.decode()

        clock.shift(timedelta(minutes=15, seconds=30))
        client.post(reverse("account_login"), {"login": serena.email, "password": PASSWORD})
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert response["Location"] == reverse("office:today")


def cache_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM craniocare_cache")
        return cursor.fetchone()[0]


def test_allauth_counts_attempts_in_the_database_cache_by_configuration(client, serena):
    """allauth uses Django's "default" cache; settings make that the database one, so every
    worker process sees the same counts, without patching allauth's modules."""
    from allauth.core.internal import ratelimit as allauth_ratelimit
    from allauth.mfa.totp.internal import auth as allauth_totp

    assert isinstance(caches["default"], DatabaseCache)
    assert allauth_ratelimit.cache is django_cache, "allauth's own cache, not a patched one"
    assert allauth_totp.cache is django_cache
    before = cache_rows()
    attempt(client, serena.email, "wrong-password-123")
    assert cache_rows() > before, "the wrong password is counted in the cache table"


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
    assert settings_with() == (
        "{'login_failed': '5/15m/key,300/60m/ip', 'login': '600/60m/ip'}|{}|0:30:00|12:00:00|43200"
    )
    assert settings_with(
        CRANIOCARE_LOGIN_LOCKOUT_MINUTES="30",
        CRANIOCARE_LOGIN_ADDRESS_ATTEMPTS_PER_HOUR="1000",
        CRANIOCARE_IDLE_TIMEOUT_MINUTES="10",
        CRANIOCARE_SESSION_MAX_HOURS="8",
    ) == (
        "{'login_failed': '5/30m/key,1000/60m/ip', 'login': '2000/60m/ip'}|{}|0:10:00|8:00:00|28800"
    )
    assert settings_with(CRANIOCARE_RATELIMITS="off").startswith("False|False|")
