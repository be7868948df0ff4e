"""Signal receivers of the accounts app (connected in AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import sessions


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Start the session clocks (the absolute and idle timeouts count from here)."""
    if request is not None and hasattr(request, "session"):
        sessions.mark_signed_in(request)
