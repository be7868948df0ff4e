"""Forms of ours that allauth uses in place of its own (MFA_FORMS in settings)."""

from __future__ import annotations

from typing import Any

from allauth.core import context
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.internal import auth
from django import forms

# `?new_key=1` on the set-up page: the person asked for a new key on purpose.
NEW_KEY_PARAMETER = "new_key"


class KeepPendingKeyTOTPForm(ActivateTOTPForm):
    """The TOTP set-up form, keeping the pending key (in the session) across reloads.

    allauth makes a new key every time the page is shown, so a reload after scanning the QR
    code silently breaks the entry just added to the phone. Here the key stays until it is used
    (allauth clears it on activation) or the person asks for a new one (`?new_key=1`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        request = context.request
        restart = bool(
            not kwargs.get("data")
            and request is not None
            and request.method == "GET"
            and request.GET.get(NEW_KEY_PARAMETER) == "1"
        )
        # Not ActivateTOTPForm.__init__: it makes a new key whenever the form is unbound.
        self.user = kwargs.pop("user")
        forms.Form.__init__(self, *args, **kwargs)
        if restart:
            auth.clear_totp_secret(request)
        self.secret = auth.get_totp_secret(regenerate=False)
