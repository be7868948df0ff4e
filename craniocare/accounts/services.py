"""Write paths for accounts (DESIGN.md rule 1)."""

from __future__ import annotations

import secrets

from .models import User


def user_sessions_end_all(*, user: User) -> None:
    """End every session of `user`, on every device ("sign out everywhere").

    Rotating the salt changes ``user.get_session_auth_hash()``; Django's AuthenticationMiddleware
    compares it with the value stored in each session and flushes those that differ, on their
    next request. The caller signs the current request out itself.
    """
    user.session_salt = secrets.token_hex(16)
    user.save(update_fields=["session_salt"])
