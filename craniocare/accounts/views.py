"""Where this practice's sign-in pages differ from allauth's own views (allauth glue)."""

from __future__ import annotations

from typing import Any

from allauth.account.views import EmailView
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from . import throttling


def rate_limited(request: HttpRequest, exception: Any = None) -> HttpResponse:
    """The 429 page of allauth's rate limits (allauth finds it as ROOT_URLCONF.handler429).

    On the sign-in page it says that the visitor's network is paused, and for how long."""
    message = None
    match = request.resolver_match
    if match is not None and match.url_name == "account_login":
        refused = throttling.refusal(request, action="login")
        if refused is not None:
            message = refused.message
    return render(request, "429.html", {"message": message}, status=429)


class VerifiedPrimaryEmailView(EmailView):
    """allauth's email addresses page, where only a confirmed address can become the primary
    one (the address sign-in, password resets and the practice's emails go to). allauth lets an
    unconfirmed address become primary while the account has no confirmed address at all, which
    is every account here: the practice creates them without a confirmation step."""

    def _action_primary(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        address = self._get_email_address(request)
        if address is not None and not address.verified and not address.primary:
            messages.error(
                request,
                f"{address.email} is not confirmed yet, so it cannot be your main address. "
                "Open the link in the email we sent to it (or send it again below), then "
                "make it your main address.",
            )
            return HttpResponseRedirect(self.get_success_url())
        return super()._action_primary(request, *args, **kwargs)


email_addresses = VerifiedPrimaryEmailView.as_view()
