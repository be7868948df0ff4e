"""The client portal: a signed-in client's sessions and records, and their copy of the record.

Every view is wrapped by `client_required` (access.py): anonymous visitors go to the sign-in by
code, staff get a 404, a client sees their own record only. The pages are never stored by a
browser or proxy (core.middleware.PrivatePagesMiddleware covers /portal/). Each page and
download writes one audit event (audit.services.audit_record): the client's own access shows in
the practice's audit trail like anybody else's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from craniocare.audit.models import Action
from craniocare.audit.services import audit_record
from craniocare.bookings.own import own_bookings
from craniocare.clients.models import Client
from craniocare.clients.records import client_tasks, record_sections

from .access import client_required, get_own_client
from .access_log import access_page
from .export import record_filename, record_json
from .fhir import record_fhir_json
from .pdf import record_pdf


@require_GET
@client_required
def home(request: HttpRequest, client: Client | None) -> HttpResponse:
    context: dict[str, object] = {"client": client}
    if client is not None:
        audit_record(
            actor=request.user,
            client=client,
            action=Action.VIEW,
            request=request,
            detail="The client opened their portal.",
        )
        context.update(
            bookings=own_bookings(client=client, now=timezone.now()),
            tasks=client_tasks(client),
            sections=[
                (section, section.summary(client) if section.summary else "")
                for section in record_sections()
            ],
        )
    return render(request, "portal/home.html", context)


@dataclass(frozen=True)
class Download:
    """One form of the client's copy of their record."""

    label: str  # in the audit event's detail
    render: Callable[..., bytes]  # (client=, now=) -> the file
    content_type: str
    extension: str


DOWNLOADS = {
    "json": Download("JSON", record_json, "application/json; charset=utf-8", "json"),
    "pdf": Download("PDF", record_pdf, "application/pdf", "pdf"),
    "fhir": Download("FHIR", record_fhir_json, "application/fhir+json; charset=utf-8", "fhir.json"),
}


@require_GET
@client_required
def record_download(request: HttpRequest, client: Client | None, form: str) -> HttpResponse:
    """The client's record as a file (`form` comes from the URL pattern, never the visitor)."""
    own = get_own_client(client)
    download = DOWNLOADS[form]
    now = timezone.now()
    content = download.render(client=own, now=now)
    audit_record(
        actor=request.user,
        client=own,
        action=Action.EXPORT,
        request=request,
        detail=f"The client downloaded their record ({download.label}).",
    )
    filename = record_filename(client=own, now=now, extension=download.extension)
    response = HttpResponse(content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@client_required
def access_log(request: HttpRequest, client: Client | None) -> HttpResponse:
    """Who opened the client's record: their own audit events, newest first, paginated."""
    own = get_own_client(client)
    audit_record(
        actor=request.user,
        client=own,
        action=Action.VIEW,
        request=request,
        detail="The client opened their access log.",
    )
    page, rows, zone = access_page(client=own, page=request.GET.get("page"))
    return render(request, "portal/access_log.html", {"page": page, "rows": rows, "zone": zone})
