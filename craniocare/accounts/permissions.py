"""Who may enter the back office, and what each role may see there (DESIGN.md rule 6).

Roles (``craniocare.accounts.models.Role``):

- practitioner: the owner. Everything, including clinical records and the practice settings.
- front desk: schedules, bookings, clients' contact details and the inbox. Never clinical notes,
  intake answers, the health content of consents, outcomes, or the notes clients write when they
  book (they often describe symptoms). ``can_see_clinical`` is the role half of that; whether a
  practitioner may see one client's health information is
  ``craniocare.clients.access.may_see_health_info`` (their own clients only), which every page
  showing health information asks.
- client: no back office at all.

Everyone with staff powers (the staff flag, superuser, or a staff role) must have a TOTP
authenticator and must have passed it in the current session before any page of the back office
(``/office/``), the Django admin (``/admin/``) or the account pages (``/accounts/``, apart from
enrolment and signing out) is shown. ``craniocare.accounts.middleware.StaffAccessMiddleware``
enforces that for whole URL areas; the decorators below enforce it again on every office view,
so a view is safe even if it is mounted elsewhere.

What a request that may not see a staff page gets:

==========================================  ==============================================
anonymous                                   redirect to sign-in, with ``?next=`` (htmx:
                                            ``HX-Redirect``)
signed in, not staff (a client)             404: for them the back office does not exist
staff without a TOTP authenticator          redirect to the TOTP enrolment page
staff who did not pass MFA in this session  signed out, then redirect to sign-in
front desk on a practitioner-only view      404
==========================================  ==============================================
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Literal, TypeVar, cast
from urllib.parse import urlsplit

from allauth.mfa.models import Authenticator
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from . import sessions
from .models import STAFF_ROLES, Role

AccessRule = Literal["staff", "practitioner"]
ACCESS_RULE_ATTRIBUTE = "access_rule"
"""Set on every view wrapped by the decorators below; tests check that no office view lacks it."""

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


# --- Roles ----------------------------------------------------------------------------------------


def is_staff_member(user: Any) -> bool:
    """An active staff account with a staff role: may enter the back office (after MFA)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and getattr(user, "role", None) in STAFF_ROLES
    )


def is_practitioner(user: Any) -> bool:
    return is_staff_member(user) and user.role == Role.PRACTITIONER


def is_front_desk(user: Any) -> bool:
    return is_staff_member(user) and user.role == Role.FRONT_DESK


def can_see_clinical(user: Any) -> bool:
    """The role may see health information at all (clinical notes, intake answers, consents'
    health content, outcomes, booking notes). Which clients' is
    `clients.access.may_see_health_info`: never decide on this function alone."""
    return is_practitioner(user)


def can_manage_settings(user: Any) -> bool:
    """Practice identity and policies, services, availability, staff accounts."""
    return is_practitioner(user)


def needs_mfa(user: Any) -> bool:
    """Accounts with any staff power; their sessions need MFA and end after the staff timeouts."""
    return bool(
        user.is_authenticated
        and (user.is_staff or user.is_superuser or getattr(user, "role", None) in STAFF_ROLES)
    )


def has_totp(user: Any) -> bool:
    """True once the user has enrolled a TOTP authenticator (allauth.mfa)."""
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


# --- Answers -------------------------------------------------------------------------------------


def sign_in_redirect(request: HttpRequest) -> HttpResponseBase:
    """Send the visitor to the sign-in page, coming back to this page afterwards."""
    next_path = request.get_full_path()
    if request.headers.get("HX-Request"):
        # An htmx request wants a fragment: have the browser load the sign-in page instead,
        # coming back to the page it was on.
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        next_path = current.path + (f"?{current.query}" if current.query else "") or "/"
        return HttpResponseClientRedirect(
            redirect_to_login(next_path, reverse("account_login"))["Location"]
        )
    return redirect_to_login(next_path, reverse("account_login"))


def enrolment_redirect(request: HttpRequest) -> HttpResponseBase:
    url = reverse("mfa_activate_totp")
    if request.headers.get("HX-Request"):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def staff_access(request: HttpRequest, rule: AccessRule = "staff") -> HttpResponseBase | None:
    """None when the request may see a page for `rule`; else the response to give instead.

    Raises Http404 where the page must not be admitted to exist (see the module docstring).
    """
    user = request.user
    if not user.is_authenticated:
        return sign_in_redirect(request)
    if not needs_mfa(user):
        raise Http404("Not a staff account.")
    if not has_totp(user):
        return enrolment_redirect(request)
    if not sessions.mfa_passed(request):
        logout(request)
        return sign_in_redirect(request)
    if not is_staff_member(user):
        raise Http404("Not a staff account.")
    if rule == "practitioner" and not is_practitioner(user):
        raise Http404("Practitioners only.")
    return None


# --- Decorators -----------------------------------------------------------------------------------


def _guard(view: V, rule: AccessRule) -> V:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        answer = staff_access(request, rule)
        if answer is not None:
            return answer
        return view(request, *args, **kwargs)

    vars(guarded)[ACCESS_RULE_ATTRIBUTE] = rule
    return cast(V, guarded)


def staff_required(view: V) -> V:
    """Practitioners and front desk, signed in with MFA. Anyone else: see the module docstring."""
    return _guard(view, "staff")


def practitioner_required(view: V) -> V:
    """Like `staff_required`, and front desk gets a 404 (clinical records, settings)."""
    return _guard(view, "practitioner")
