"""Which restricted records this staff session has opened (clients/models.py `restricted_at`),
and the notice every office screen shows in their place until then.

A restricted record is hidden from everyday screens: its name, contact details, booking notes
and consent flags give way to a neutral "Restricted record" label, and its record pages show a
notice, until the practitioner takes the explicit "open restricted record" action
(clinical/restriction.py, audited). The opening lasts for the signed-in session only.
`restricted_closed(request, client)` is the one rule; lists ask it through
`restricted_closed_ids` (no query: the clients must already be loaded)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import may_see_health_info
from .models import Client

SESSION_KEY = "restricted_records_opened"
RESTRICTED_LABEL = "Restricted record"


def restricted_closed(request: HttpRequest, client: Client) -> bool:
    """True when `client` is restricted and this session has not opened it."""
    if not client.is_restricted:
        return False
    return client.pk not in request.session.get(SESSION_KEY, [])


def restricted_closed_ids(request: HttpRequest, clients: Iterable[Client]) -> frozenset[int]:
    """Of `clients` (already loaded: no query here), the ids whose record is closed to this
    session, by the rule of `restricted_closed`."""
    return frozenset(client.pk for client in clients if restricted_closed(request, client))


def mark_opened(request: HttpRequest, client: Client) -> None:
    opened = list(request.session.get(SESSION_KEY, []))
    if client.pk not in opened:
        request.session[SESSION_KEY] = [*opened, client.pk]


def mark_closed(request: HttpRequest, client: Client) -> None:
    """Forget an opening (a record restricted again must be opened again)."""
    opened = list(request.session.get(SESSION_KEY, []))
    if client.pk in opened:
        request.session[SESSION_KEY] = [pk for pk in opened if pk != client.pk]


def restricted_notice(request: HttpRequest, client: Client, *, status: int = 200) -> HttpResponse:
    """The notice shown instead of a closed record's page. Only the client's own practitioner
    sees the reason and the button that opens it; it brings them back to this page."""
    may_open = may_see_health_info(request.user, client)
    back = request.get_full_path() if request.method == "GET" else ""
    context = {"client": client, "may_open": may_open, "back": back}
    return render(request, "clients/office/client_restricted.html", context, status=status)
