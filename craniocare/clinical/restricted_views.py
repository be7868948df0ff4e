"""The office's screens for restricted records (clinical/restriction.py): restricting a record,
opening it for this session, lifting the restriction, and the practitioner's list of their
restricted records. Routed by office_urls.py; practitioners only, their own clients only (404).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import practitioner_required
from craniocare.clients.access import clinical_clients_for, get_client_for
from craniocare.clients.models import Client
from craniocare.clients.restriction import mark_closed, restricted_closed, restricted_notice

from .purge import retention_ends, retention_years
from .restriction import (
    LIFT_REASON_MAX,
    client_restrict,
    client_restriction_lift,
    restricted_open,
)


@practitioner_required
@require_POST
def client_restrict_view(request: HttpRequest, client_id: int) -> HttpResponse:
    """Mark the record restricted (an erasure request inside the retention period)."""
    client = get_client_for(request.user, client_id, clinical=True)
    try:
        client_restrict(
            client=client, reason=request.POST.get("reason", ""), by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        mark_closed(request, client)  # restricted again: opened again only on purpose
        messages.success(request, "The record is restricted and hidden from everyday screens.")
    return redirect("office:client_clinical", client_id=client.pk)


@practitioner_required
@require_POST
def client_open_restricted(request: HttpRequest, client_id: int) -> HttpResponse:
    """The explicit, audited action that opens a restricted record for this session; back to
    the page that showed the notice (a path of this site only), else the clinical record."""
    client = get_client_for(request.user, client_id, clinical=True)
    restricted_open(request=request, client=client)
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("office:client_clinical", client_id=client.pk)


@practitioner_required
def client_restriction_lift_view(request: HttpRequest, client_id: int) -> HttpResponse:
    """GET: the form to lift the restriction. POST: lift it, with the practitioner's reason.
    Shows no clinical content (so it writes no view event); the record must be open first."""
    client = get_client_for(request.user, client_id, clinical=True)
    if not client.is_restricted:  # already lifted (say, in another tab): say so
        context = {"client": client, "reason_max": LIFT_REASON_MAX}
        status = 409 if request.method == "POST" else 200
        return render(request, "clinical/office/restriction_lift.html", context, status=status)
    if restricted_closed(request, client):
        return restricted_notice(request, client, status=403 if request.method == "POST" else 200)
    typed = request.POST.get("reason", "") if request.method == "POST" else ""
    error = ""
    if request.method == "POST":
        try:
            client_restriction_lift(client=client, reason=typed, by=request.user, request=request)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(request, "The restriction is lifted: the record is back in lists.")
            return redirect("office:client_clinical", client_id=client.pk)
    context = {
        "client": client,
        "typed": typed,
        "error": error,
        "reason_max": LIFT_REASON_MAX,
    }
    status = 400 if error else 200
    return render(request, "clinical/office/restriction_lift.html", context, status=status)


@practitioner_required
def restricted_records(request: HttpRequest) -> HttpResponse:
    """The practitioner's own restricted records: when, by whom, why, and until when they are
    kept. No clinical content, so no per-client view events."""
    clients: list[Client] = list(
        clinical_clients_for(request.user)
        .filter(restricted_at__isnull=False)
        .select_related("restricted_by")
        .order_by("-restricted_at", "pk")
    )
    ends = retention_ends(clients)
    rows = [
        (client, ends[client.pk], reverse("office:client_clinical", args=[client.pk]))
        for client in clients
    ]
    context = {"rows": rows, "years": retention_years()}
    return render(request, "clinical/office/restricted_records.html", context)
