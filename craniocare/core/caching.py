"""Caching of public pages: anonymous, cookie-free pages are rendered once per minute at most."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.views.decorators.cache import cache_page
from django.views.decorators.vary import vary_on_headers

F = TypeVar("F", bound=Callable[..., Any])


def public_page(view: F) -> F:
    """Serve `view` from the page cache. Content models clear the cache when they change."""
    cached = cache_page(settings.PUBLIC_PAGE_CACHE_SECONDS)(vary_on_headers("HX-Request")(view))
    return cached
