"""django-allauth adapters: how sign-in fits this practice (ACCOUNT_ADAPTER, MFA_ADAPTER)."""

from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.stagekit import clear_login
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from craniocare.core.models import PracticeProfile
from craniocare.core.ratelimit import client_ip
from craniocare.outbox.services import outbox_enqueue

from . import throttling
from .permissions import needs_mfa

STAFF_SIGN_IN_BY_CODE_REFUSED = (
    "Staff accounts sign in with their password and a code from their authenticator app."
)


def lockout_message() -> str:
    """The per-account refusal where allauth does not say which account (TOTP codes)."""
    return throttling.account_paused_message(f"up to {settings.LOGIN_LOCKOUT_MINUTES} minutes")


def mail_kind(template_prefix: str) -> str:
    """The outbox kind of one of allauth's mails: "account/email/password_reset_key" ->
    "account_password_reset_key"."""
    app, _, name = template_prefix.partition("/")
    return f"{app}_{name.rpartition('/')[2]}"[:60]


class AccountAdapter(DefaultAccountAdapter):
    @property
    def error_messages(self) -> dict[str, Any]:
        return {
            **DefaultAccountAdapter.error_messages,
            "too_many_login_attempts": lockout_message(),
            "email_password_mismatch": "That email address and password do not match an account.",
        }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """No public sign-up: the practice creates staff accounts; clients get theirs later."""
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Staff go to the back office; clients to their portal (a `next` still wins)."""
        if needs_mfa(request.user):
            return reverse("office:today")
        return reverse("portal:home")

    def pre_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse | None:
        """Staff never sign in by emailed code: they keep their password and MFA. The portal's
        code request never sends them one (craniocare/portal/forms.py); this refuses any code
        sign-in of a staff account that gets this far all the same."""
        records = get_authentication_records(request, user)
        if needs_mfa(user) and records and records[-1].get("method") == "code":
            clear_login(request)
            self.add_message(request, messages.ERROR, message=STAFF_SIGN_IN_BY_CODE_REFUSED)
            return HttpResponseRedirect(reverse("account_login"))
        return super().pre_login(request, user, **kwargs)

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Sensitive account pages (recovery codes, authenticators) ask for the password or a
        code again, except within ACCOUNT_REAUTHENTICATION_TIMEOUT (5 min) of the last sign-in
        step: someone who has just signed in is not asked again, so a new staff member goes
        straight from signing in to setting up their authenticator app."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = self.request
        if request is None or not request.user.is_authenticated:
            return True
        records = get_authentication_records(request, request.user)
        latest = max((record.get("at", 0) for record in records), default=0)
        return time.time() - latest >= account_settings.REAUTHENTICATION_TIMEOUT

    def format_email_subject(self, subject: str) -> str:
        return f"{PracticeProfile.load().name}: {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Renders the message now and queues it in the outbox; the worker sends it. A slow or
        dead mail server never delays or breaks a sign-in page, and a reset request for a known
        address answers like one for an unknown address (the pages word their answers so that a
        visitor cannot tell whether mail went out; a reset can be asked for again).

        allauth may call this outside a transaction: the atomic block commits the row on its
        own then, and joins the caller's transaction when there is one."""
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "practice": PracticeProfile.load(),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        with transaction.atomic():
            outbox_enqueue(message, kind=mail_kind(template_prefix))

    # --- Sign-in throttling (craniocare.accounts.throttling) --------------------------------

    def get_client_ip(self, request: HttpRequest) -> str:
        """The visitor's address for allauth's per-address limits: the same rule as every other
        limit of the site (CRANIOCARE_TRUSTED_PROXIES), so visitors behind a trusted proxy are
        counted apart rather than all as the proxy."""
        return client_ip(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Refuse with the message of the limit that applies, before anything is counted."""
        key = self._get_login_attempts_cache_key(request, **credentials)
        refused = throttling.refusal(request, action="login_failed", key=key)
        if refused is not None:
            raise ValidationError(refused.message, code="too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def validation_error(self, code: str, *args: Any) -> ValidationError:
        """allauth's own "too many attempts" (wrong TOTP codes, races): say so when it is the
        visitor's address rather than the account that is paused."""
        request = allauth_context.request
        if code == "too_many_login_attempts" and request is not None:
            refused = throttling.refusal(request, action="login_failed")
            if refused is not None:
                return ValidationError(refused.message, code=code)
        return super().validation_error(code, *args)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": (
            "Staff accounts keep two-step verification on: the back office holds health records."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not needs_mfa(authenticator.user)

    def get_totp_issuer(self) -> str:
        """The name people see in their authenticator app."""
        return PracticeProfile.load().name
