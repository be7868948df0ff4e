"""Caching of public pages: anonymous, cookie-free pages are rendered once per minute at most.

`public_page` only marks a view's responses as cacheable; the cache itself is
`craniocare.core.pagecache.PublicPageCache`, which wraps the WSGI application, answers hits
without entering Django, and strips the marker. Content changes bump a shared content version
(signals in `craniocare.core.content_version`), so an edit shows in every worker within a second.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_response_headers, patch_vary_headers

from craniocare.core.pagecache import MARKER_HEADER

F = TypeVar("F", bound=Callable[..., Any])

# Query parameters a public page may be cached under (the article lists' `?page=`).
CACHEABLE_QUERY = ("page",)


def public_page(view: F) -> F:
    """Let the page cache serve `view`'s successful GET responses to anonymous visitors."""

    @wraps(view)
    def marked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("HX-Request",))
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_response_headers(response, settings.PUBLIC_PAGE_CACHE_SECONDS)
            response[MARKER_HEADER] = "query=" + ",".join(CACHEABLE_QUERY)
        return response

    return cast(F, marked)
