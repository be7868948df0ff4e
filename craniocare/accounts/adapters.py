"""django-allauth adapters: how sign-in fits this practice (ACCOUNT_ADAPTER, MFA_ADAPTER)."""

from __future__ import annotations

import logging
import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from craniocare.core.models import PracticeProfile

from .permissions import needs_mfa

logger = logging.getLogger(__name__)


def lockout_message() -> str:
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    return (
        "Too many unsuccessful attempts to sign in to this account. For your security, signing "
        f"in is paused for up to {minutes} minutes. Please try again later, or reset your "
        "password."
    )


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
        """Staff go to the back office; clients to their bookings (a `next` still wins)."""
        if needs_mfa(request.user):
            return reverse("office:today")
        return reverse("clients:my_bookings")

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
        """Sends at once through Django's email backend. A mail server that is down is logged,
        never shown as an error page: the sign-in pages word their answers so that a visitor
        cannot tell whether mail went out (and a reset can simply be asked for again)."""
        context = {"practice": PracticeProfile.load(), **context}
        try:
            super().send_mail(template_prefix, email, context)
        except Exception:
            logger.exception("Could not send the %s email.", template_prefix)


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
