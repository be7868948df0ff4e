"""htmx request helpers shared by the apps' views (django-htmx sets ``request.htmx``)."""

from __future__ import annotations

from django.http import HttpRequest


def is_partial(request: HttpRequest) -> bool:
    """An htmx request that swaps one part of the page (not a history restore, which wants the
    whole page)."""
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request
