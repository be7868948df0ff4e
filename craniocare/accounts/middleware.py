"""Staff sessions: timeouts, and MFA before the protected areas of the site.

For every request of a user with staff powers (``permissions.needs_mfa``):

1. A session idle for ``STAFF_IDLE_TIMEOUT`` (default 30 min, env
   ``CRANIOCARE_IDLE_TIMEOUT_MINUTES``) or older than ``STAFF_SESSION_MAX_AGE`` (default 12 h,
   env ``CRANIOCARE_SESSION_MAX_HOURS``) is signed out. In a protected area the visitor is sent to
   sign-in with a message saying why; elsewhere the page is simply shown signed out.
2. A user with a TOTP authenticator whose session never passed MFA (allauth's sign-in always asks
   for the code, so only another way in can do this) is treated as not signed in: signed out,
   and sent to sign-in from a protected area.
3. A user without a TOTP authenticator sees only the enrolment page (and sign-out) of the
   protected areas: everything else there redirects to enrolment. Enrolling (a valid code typed
   on that page) counts as passing MFA for the session.

Protected areas: the back office (``/office/``), the Django admin (``/admin/``) and the account
pages (``/accounts/``). For ``/office/`` and ``/admin/`` anonymous visitors are sent to sign-in
and signed-in non-staff get a 404 (the office views check all of this again through
``permissions.staff_required``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import reverse

from . import sessions
from .permissions import (
    enrolment_redirect,
    has_totp,
    is_staff_member,
    needs_mfa,
    sign_in_redirect,
)

# Pages of the protected areas that a signed-in staff user without TOTP may still open.
ENROLMENT_URL_NAMES = ("mfa_activate_totp", "account_logout", "account_reauthenticate")


@cache
def _areas() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(staff-only prefixes, all protected prefixes), from the URL configuration."""
    staff_only = (reverse("office:today"), reverse("admin:index"))
    accounts = reverse("account_login").rstrip("/").rsplit("/", 1)[0] + "/"
    return staff_only, (*staff_only, accounts)


@cache
def _enrolment_paths() -> frozenset[str]:
    return frozenset(reverse(name) for name in ENROLMENT_URL_NAMES)


def _message(expiry: sessions.Expiry) -> str:
    if expiry == "idle":
        minutes = int(settings.STAFF_IDLE_TIMEOUT.total_seconds() // 60)
        return (
            f"You were signed out after {minutes} minutes without activity. Please sign in again."
        )
    hours = int(settings.STAFF_SESSION_MAX_AGE.total_seconds() // 3600)
    return f"You were signed out: a session lasts at most {hours} hours. Please sign in again."


class StaffAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        staff_only, protected = _areas()
        path = request.path_info
        in_protected = path.startswith(protected)
        enrolling = False

        user = request.user
        if needs_mfa(user):
            expiry = sessions.expiry(request)
            if expiry is not None:
                logout(request)
                if in_protected:
                    messages.info(request, _message(expiry))
                    return sign_in_redirect(request)
            elif has_totp(user):
                if not sessions.mfa_passed(request):
                    logout(request)
                    if in_protected:
                        return sign_in_redirect(request)
                else:
                    sessions.touch(request)
            else:
                enrolling = True
                if in_protected and path not in _enrolment_paths():
                    return enrolment_redirect(request)
                sessions.touch(request)

        if path.startswith(staff_only):
            if not request.user.is_authenticated:
                return sign_in_redirect(request)
            if not is_staff_member(request.user):
                raise Http404("Not a staff account.")

        response = self.get_response(request)

        if (
            enrolling
            and request.method == "POST"
            and path == reverse("mfa_activate_totp")
            and request.user.is_authenticated
            and has_totp(request.user)
        ):
            # A valid code for the new authenticator was just typed: that is this session's MFA.
            sessions.mark_mfa_enrolled(request)
        return response
