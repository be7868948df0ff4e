"""HTTP plumbing of the public booking pages and the client's manage pages: htmx partial
detection, rendering a page or its `flow` partial, the private-page headers, the kind 404 page,
and addresses with a query."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django_htmx.http import push_url, reswap, retarget

from craniocare.core.htmx import is_partial

from .access import booking_by_manage_token
from .models import Booking

View = TypeVar("View", bound=Callable[..., HttpResponse])


class Answer(Exception):
    """Stops a view early with a response (a 404 page, a step shown again with a message)."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__()
        self.response = response


def answers(view: View) -> View:
    """Turns Answer into its response, and an unknown service into a kind 404 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Answer as answer:
            return answer.response
        except Http404:
            return not_found(request, kind="service")

    return wrapper  # type: ignore[return-value]


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    push: str = "",
) -> HttpResponse:
    """The whole page, or (htmx) its `flow` partial, with `push` as the new address."""
    partial = is_partial(request)
    name = f"{template}#flow" if partial else template
    response = render(request, name, {**context, "partial": partial}, status=status)
    if partial and push:
        push_url(response, push)
    return response


def private(response: HttpResponse) -> HttpResponse:
    """Pages that show one person's booking: never stored, never indexed, and their secret
    address never sent to another site. "same-origin", not "no-referrer": under no-referrer
    browsers send `Origin: null` with the page's own forms, which the CSRF check refuses."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def see_other(url: str) -> HttpResponse:
    """303 to `url` after a POST (a private page: the address carries a token)."""
    return private(HttpResponseRedirect(url, status=303))


def not_found(request: HttpRequest, *, kind: str = "booking") -> HttpResponse:
    response = render(request, "bookings/not_found.html", {"kind": kind}, status=404)
    if is_partial(request):  # a whole page: htmx swaps it in for the page's body
        retarget(response, "body")
        reswap(response, "innerHTML")
    return private(response)


def booking_or_404(request: HttpRequest, uid: str, token: str) -> Booking:
    """The booking its manage token opens, else (Answer) the kind 404 page."""
    booking = booking_by_manage_token(uid, token[:200])
    if booking is None:
        raise Answer(not_found(request))
    return booking


def url_with(name: str, params: dict[str, Any], **kwargs: Any) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    path = reverse(name, kwargs=kwargs or None)
    return f"{path}?{query}" if query else path
