"""Which restricted records this staff session has opened (clients/models.py `restricted_at`).

A restricted record's clinical pages show a notice until the practitioner takes the explicit
"open restricted record" action (clinical/restriction.py, audited); the opening lasts for the
signed-in session only."""

from __future__ import annotations

from django.http import HttpRequest

from .models import Client

SESSION_KEY = "restricted_records_opened"


def restricted_closed(request: HttpRequest, client: Client) -> bool:
    """True when `client` is restricted and this session has not opened it."""
    if not client.is_restricted:
        return False
    return client.pk not in request.session.get(SESSION_KEY, [])


def mark_opened(request: HttpRequest, client: Client) -> None:
    opened = list(request.session.get(SESSION_KEY, []))
    if client.pk not in opened:
        request.session[SESSION_KEY] = [*opened, client.pk]
