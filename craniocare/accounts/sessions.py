"""What a staff session remembers about itself: when it signed in, when it was last used, and
whether it passed multi-factor authentication (MFA).

Times are Unix seconds from ``time.time()`` (what time_machine moves in tests), kept in the
session itself, so the rules hold on every session backend and database.

- ``SIGNED_IN_AT``: set when Django logs the user in (the ``user_logged_in`` signal). The
  absolute timeout counts from it; a staff session without it is treated as expired.
- ``LAST_SEEN_AT``: refreshed by the middleware at most once a minute (so a busy page does not
  write the session on every request). The idle timeout counts from it.
- MFA: allauth records every authentication step of the session
  (``allauth.account.authentication.get_authentication_records``); a record with method "mfa"
  means a TOTP or recovery code was accepted at sign-in. Enrolling a new authenticator (a valid
  code typed on the enrolment page) counts too: the middleware sets ``MFA_ENROLLED_FOR``.
"""

from __future__ import annotations

import time
from typing import Literal

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.http import HttpRequest

SIGNED_IN_AT = "craniocare.signed_in_at"
LAST_SEEN_AT = "craniocare.last_seen_at"
MFA_ENROLLED_FOR = "craniocare.mfa_enrolled_for"
TOUCH_EVERY_SECONDS = 60

Expiry = Literal["idle", "absolute"]


def mark_signed_in(request: HttpRequest) -> None:
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def expiry(request: HttpRequest) -> Expiry | None:
    """Why this staff session has ended ("idle" or "absolute"), or None while it is live."""
    now = time.time()
    signed_in_at = request.session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return "absolute"
    if now - signed_in_at >= settings.STAFF_SESSION_MAX_AGE.total_seconds():
        return "absolute"
    last_seen_at = request.session.get(LAST_SEEN_AT, signed_in_at)
    if not isinstance(last_seen_at, int | float):
        last_seen_at = signed_in_at
    if now - last_seen_at >= settings.STAFF_IDLE_TIMEOUT.total_seconds():
        return "idle"
    return None


def touch(request: HttpRequest) -> None:
    """Note that the session is in use (written at most once a minute)."""
    now = time.time()
    last_seen_at = request.session.get(LAST_SEEN_AT)
    if not isinstance(last_seen_at, int | float) or now - last_seen_at >= TOUCH_EVERY_SECONDS:
        request.session[LAST_SEEN_AT] = now


def mark_mfa_enrolled(request: HttpRequest) -> None:
    request.session[MFA_ENROLLED_FOR] = str(request.user.pk)


def mfa_passed(request: HttpRequest) -> bool:
    """True when this session's user proved a second factor in this session."""
    user = request.user
    if not user.is_authenticated:
        return False
    if request.session.get(MFA_ENROLLED_FOR) == str(user.pk):
        return True
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)
