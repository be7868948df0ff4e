"""The office's audit screen: who opened or changed a client's record, what, when and from
where. For the practitioners who may see the client's health information (clients/access.py)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from craniocare.accounts.permissions import practitioner_required
from craniocare.clients.access import get_client_for
from craniocare.clients.restriction import restricted_closed, restricted_notice

from .selectors import client_events

PAGE_SIZE = 50


@practitioner_required
def client_audit(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for(request.user, client_id, clinical=True)
    if restricted_closed(request, client):
        return restricted_notice(request, client)
    page = Paginator(client_events(client=client), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/office/client_audit.html", {"client": client, "page": page})
