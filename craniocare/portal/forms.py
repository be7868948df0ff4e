"""The client's sign-in by emailed code: allauth's request form (ACCOUNT_FORMS), taught two
things about this practice.

1. A client who booked online has a Client record and no sign-in yet. When the address is a
   client's, their sign-in is made and linked first (clients.services.client_user_ensure), so
   allauth finds it and sends the code.
2. Staff never sign in by code: they keep their password and MFA. A staff address is treated
   like an unknown one (no code, no mail; the adapter's pre_login refuses it again).

The answer is the same page whether or not the address is known, and nothing is created for an
address that is not a client's (no account enumeration, no accounts for strangers).
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import ConfirmLoginCodeForm, RequestLoginCodeForm
from django.db import transaction

from craniocare.accounts.permissions import needs_mfa
from craniocare.clients.models import Client, normalize_email
from craniocare.clients.services import client_user_ensure


class ClientLoginCodeForm(RequestLoginCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.label = "Email address"
        field.help_text = "The address you gave when you booked."
        field.widget.attrs.update({"autocomplete": "email", "placeholder": ""})

    def clean_email(self) -> str:
        address = normalize_email(self.cleaned_data.get("email") or "")
        if address:
            client = Client.objects.filter(email=address).first()
            if client is not None and client.user_id is None:
                with transaction.atomic():
                    client_user_ensure(client=client)
        email: str = super().clean_email()
        user = getattr(self, "_user", None)
        if user is not None and needs_mfa(user):
            self._user = None  # staff: password and MFA only; the page answers as for anyone
        return email


class ClientConfirmCodeForm(ConfirmLoginCodeForm):
    """The code from the email: labelled as such, without a placeholder repeating the label,
    and offered by phones' keyboards from the message (autocomplete one-time-code)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = "Code from the email"
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs.update(
            {"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"}
        )
