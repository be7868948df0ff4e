"""Who may see the portal: a signed-in client, and only their own record.

==========================================  ==============================================
anonymous                                   redirect to the sign-in by code, with ``?next=``
staff (any account with staff powers)       404: the portal is for clients
a signed-in client                          their own pages; the downloads need a record
==========================================  ==============================================

A sign-in reaches a client record only through ``Client.user`` (one-to-one): nothing in a
portal URL names a client, so there is nobody else's record to ask for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import reverse

from craniocare.accounts.permissions import needs_mfa
from craniocare.clients.models import Client

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def portal_client(user: Any) -> Client | None:
    """The client record of a signed-in client, or None when their sign-in has none."""
    if not user.is_authenticated or needs_mfa(user):
        return None
    return Client.objects.filter(user=user).first()


def client_required(view: V) -> V:
    """Signed-in clients only (see the table above); the view gets ``client`` (or None)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("account_request_login_code"))
        if needs_mfa(user) or not user.is_active:
            raise Http404("The portal is for clients.")
        return view(request, *args, client=portal_client(user), **kwargs)

    return cast(V, guarded)


def get_own_client(client: Client | None) -> Client:
    """The record for a page that needs one (the downloads): 404 without."""
    if client is None:
        raise Http404("No client record is linked to this sign-in.")
    return client
