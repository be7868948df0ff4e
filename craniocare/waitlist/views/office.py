"""The office's Waitlist: per service, who waits (in the order they will be offered times), the
offers made, "offer a time by hand" and "remove". Every staff member may use it: it is
scheduling information, not health information."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import staff_required
from craniocare.bookings.session_times import format_when, practice_zone
from craniocare.catalog.models import Service
from craniocare.scheduling.models import Practitioner

from ..access import entries_for, get_entry_for
from ..forms import read_offered_time
from ..selectors import services_with_waitlists, waitlist_rows
from ..services import OfferNotPossible, entry_remove, offer_make


@staff_required
def waitlist(request: HttpRequest) -> HttpResponse:
    return render(request, "waitlist/office/waitlist.html", {"services": services_with_waitlists()})


def _service_page(request: HttpRequest, service: Service, *, status: int = 200) -> HttpResponse:
    rows = waitlist_rows(entries=entries_for(request.user), service=service, now=timezone.now())
    context = {"service": service, "rows": rows, "waiting": sum(1 for r in rows if r.place)}
    return render(request, "waitlist/office/service.html", context, status=status)


@staff_required
def waitlist_service(request: HttpRequest, service_id: int) -> HttpResponse:
    return _service_page(request, get_object_or_404(Service, pk=service_id))


def _back(service_id: int) -> HttpResponse:
    return HttpResponseRedirect(reverse("office:waitlist_service", args=[service_id]))


@staff_required
@require_POST
def waitlist_offer(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_entry_for(request.user, entry_id)
    picked = read_offered_time(request.POST.get("slot"))
    practitioner = Practitioner.objects.filter(pk=picked[1]).first() if picked is not None else None
    if picked is None or practitioner is None:
        messages.error(request, f"Please choose one of the free times to offer {entry.name}.")
        return _service_page(request, entry.service, status=400)
    try:
        offer = offer_make(entry=entry, practitioner=practitioner, start=picked[0])
    except OfferNotPossible as refused:
        messages.error(request, str(refused))
        return _back(entry.service_id)
    when = format_when(offer.start, ZoneInfo(practice_zone()), year=False)
    messages.success(
        request, f"{when} is held for {entry.name}. The email with the link is on its way."
    )
    return _back(entry.service_id)


@staff_required
@require_POST
def waitlist_remove(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_entry_for(request.user, entry_id)
    if entry_remove(entry=entry):
        messages.success(request, f"{entry.name} is no longer on the waitlist.")
    else:
        messages.info(request, f"{entry.name} was no longer waiting.")
    return _back(entry.service_id)
