"""What allauth's sign-in rate limits are refusing, and for how long, in words people can trust.

settings.ACCOUNT_RATE_LIMITS holds two kinds of rate for signing in: per account ("key": the
address typed) and per visitor address ("ip"). allauth refuses with one message for both; the
account adapter asks `refusal()` first, so that the person is told which one applies and how
long it really lasts, and so that a locked account's further attempts are refused before they
count against the address (an office behind one NAT shares it).

The counts are allauth's own (a list of hit times per cache key, newest first), read from the
cache allauth writes them to: Django's "default" cache, which settings makes the database one, so
every worker process counts the same attempts.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Literal

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.http import HttpRequest

APP = "allauth.account"

Scope = Literal["account", "address"]


@dataclass(frozen=True)
class Refusal:
    scope: Scope
    seconds: float  # until the rate lets this request through again

    @property
    def message(self) -> str:
        if self.scope == "account":
            return account_paused_message(minutes_text(self.seconds))
        return (
            "Too many sign-in attempts from your network; "
            f"try again in about {minutes_text(self.seconds)}."
        )


def account_paused_message(how_long: str) -> str:
    return (
        f"Signing in to this account is paused for {how_long} after several wrong passwords "
        "or codes. Please try again then, or choose a new password with “Forgot your password?”."
    )


def minutes_text(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def refusal(request: HttpRequest, *, action: str, key: str | None = None) -> Refusal | None:
    """The first of allauth's rates for `action` that would refuse this request now, if any.

    Rates per account are checked only when `key` is given (allauth's key for that account).
    Nothing is counted here: allauth counts when it consumes the rate afterwards.
    """
    now = time.time()
    for rate in allauth_ratelimit.get_rates(app=APP, action=action):
        if rate.per == "key" and key is None:
            continue
        if rate.per not in ("key", "ip"):
            continue
        cache_key = allauth_ratelimit.get_cache_key(
            request, app=APP, action=action, rate=rate, key=key
        )
        history = allauth_ratelimit.cache.get(cache_key, [])
        live = sorted((hit for hit in history if hit > now - rate.duration), reverse=True)
        if rate.amount <= 0:
            reopens = now + rate.duration
        elif len(live) >= rate.amount:
            # Allowed again once the amount-th newest hit leaves the window.
            reopens = live[rate.amount - 1] + rate.duration
        else:
            continue
        scope: Scope = "account" if rate.per == "key" else "address"
        return Refusal(scope=scope, seconds=reopens - now)
    return None
