"""The office's Services screen (practitioner only): list, create, edit, deactivate. Writes go
through craniocare.catalog.services; the form shows every rule it breaks next to the field.
Routed by office_urls.py under /office/services/."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import practitioner_required
from craniocare.catalog.models import Service
from craniocare.catalog.services import service_save, service_set_active
from craniocare.core.models import PracticeProfile

from .access import get_service_for, offerers_for, services_for
from .forms import ServiceForm


@practitioner_required
def services(request: HttpRequest) -> HttpResponse:
    found = services_for(request.user).prefetch_related("practitioners")
    return render(request, "catalog/office/services.html", {"services": found})


def _edit(request: HttpRequest, service: Service | None) -> HttpResponse:
    people = offerers_for(request.user)
    if request.method == "POST":
        form = ServiceForm(request.POST, instance=service, practitioners=people)
        if form.is_valid():
            try:
                saved = service_save(
                    service=form.save(commit=False),
                    practitioners=list(form.cleaned_data["practitioners"]),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"“{saved.name}” saved.")
                return redirect("office:services")
        status = 400
    else:
        initial = (
            {} if service else {"min_notice_minutes": PracticeProfile.load().default_notice_minutes}
        )
        form = ServiceForm(instance=service, practitioners=people, initial=initial)
        status = 200
    context = {"form": form, "service": service}
    return render(request, "catalog/office/service_form.html", context, status=status)


@practitioner_required
def service_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@practitioner_required
def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    return _edit(request, get_service_for(request.user, service_id))


@practitioner_required
@require_POST
def service_active(request: HttpRequest, service_id: int) -> HttpResponse:
    service = get_service_for(request.user, service_id)
    active = request.POST.get("active") == "on"
    try:
        service_set_active(service=service, active=active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("office:service_edit", service_id=service.pk)
    if active:
        messages.success(request, f"“{service.name}” is offered online again.")
    else:
        # Through the reverse relation: catalog sits below bookings and never imports it. Every
        # staff member sees every booking (accounts.access), so this counts what they may see.
        upcoming = service.bookings.upcoming(timezone.now())
        messages.success(
            request,
            f"“{service.name}” is no longer offered online; its {upcoming.count()} upcoming "
            "booking(s) keep their time.",
        )
    return redirect("office:services")
