"""Pages that show someone's data are never stored by a browser or a proxy.

Every response under a private URL area gets ``Cache-Control: private, no-store``, whatever
the view did (errors and sign-in redirects included): the back office, the Django admin, the
sign-in and account pages, the booking steps and a client's own booking pages (what they typed,
the manage and confirmation pages), the client portal and the practitioner's calendar
feed. A shared computer's browser history or back button then holds nothing of a client's.

The areas are the first path segment of a URL of each, from the URL configuration, so a page
added inside an area is covered the moment it is routed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponseBase
from django.urls import NoReverseMatch, reverse

PRIVATE_CACHE_CONTROL = "private, no-store"

# One URL of each private area, as (name, kwargs).
PRIVATE_AREA_URLS: tuple[tuple[str, dict[str, str]], ...] = (
    ("office:today", {}),
    ("admin:index", {}),
    ("account_login", {}),  # /accounts/: sign-in, password, MFA
    ("bookings:details", {}),  # /bookings/: the booking steps, confirmation, manage pages
    ("portal:home", {}),  # the client portal
    ("my_bookings", {}),  # its former address (a redirect)
    ("calendar_feed", {"token": "x"}),
    ("intake:overview", {"token": "x"}),  # /intake/: a client's intake form (token link)
    ("intake:consent", {"token": "x", "kind": "x"}),  # /consent/: a consent to sign
)


@cache
def private_prefixes() -> tuple[str, ...]:
    prefixes = []
    for name, kwargs in PRIVATE_AREA_URLS:
        try:
            path = reverse(name, kwargs=kwargs)
        except NoReverseMatch:  # an area not routed in this configuration
            continue
        prefixes.append("/" + path.lstrip("/").split("/", 1)[0] + "/")
    return tuple(prefixes)


def is_private_path(path: str) -> bool:
    return path.startswith(private_prefixes())


class PrivatePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if is_private_path(request.path_info):
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
            if "Expires" in response:
                del response["Expires"]
        return response
