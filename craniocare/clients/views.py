"""Back-office client screens: search, profile with practice notes, merging duplicates, and the
gate of the clinical record. Routed by office_urls.py under /office/clients/.

Thin views: parse, call a selector or a write path (craniocare.clients.services), render. Every
client is looked up through craniocare.accounts.access (404 for missing and forbidden alike).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import practitioner_required, staff_required
from craniocare.core.htmx import is_partial

from .access import clinical_clients_for, get_client_for, may_see_health_info
from .forms import (
    ClientSearchForm,
    DateOfBirthForm,
    MergeForm,
    PracticeNotesForm,
    SmsConsentForm,
)
from .hooks import record_viewed
from .models import Client
from .restriction import restricted_closed, restricted_notice
from .selectors import PAGE_SIZE, client_search
from .services import (
    client_merge,
    client_set_date_of_birth,
    client_set_sms_consent,
    client_update_practice_notes,
)


def _search_page(
    request: HttpRequest, *, exclude: Client | None = None
) -> tuple[ClientSearchForm, str, Any]:
    form = ClientSearchForm(request.GET)
    valid = form.is_valid()
    query = form.cleaned_data["q"] if valid else ""
    results = client_search(user=request.user, query=query)
    if not valid:  # a NUL or a line break in the search: say so, and list nobody
        results = results.none()
    if exclude is not None:
        results = results.exclude(pk=exclude.pk)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return form, query, page


@staff_required
def clients(request: HttpRequest) -> HttpResponse:
    form, query, page = _search_page(request)
    search_error = " ".join(str(error) for error in form.errors.get("q", []))
    context = {"form": form, "query": query, "page": page, "search_error": search_error}
    if is_partial(request):
        return render(request, "clients/office/clients.html#results", context)
    # They are left out of the list; their practitioner reaches them from here.
    restricted = clinical_clients_for(request.user).filter(restricted_at__isnull=False)
    context["restricted_count"] = restricted.count()
    return render(request, "clients/office/clients.html", context)


def _profile_context(request: HttpRequest, client: Client) -> dict[str, Any]:
    return {
        "client": client,
        "show_health_info": may_see_health_info(request.user, client),
        "notes_form": PracticeNotesForm(initial={"practice_notes": client.practice_notes}),
        "sms_form": SmsConsentForm(initial={"sms_consent": client.sms_consent}),
        "birth_form": DateOfBirthForm(initial={"date_of_birth": client.date_of_birth}),
        "merges": client.merges.all()[:5],
    }


@staff_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for(request.user, client_id)
    if restricted_closed(request, client):
        return restricted_notice(request, client)
    return render(request, "clients/office/client_detail.html", _profile_context(request, client))


@staff_required
@require_POST
def client_notes(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for(request.user, client_id)
    if restricted_closed(request, client):
        return restricted_notice(request, client, status=403)
    form = PracticeNotesForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            client_update_practice_notes(
                client=client, practice_notes=form.cleaned_data["practice_notes"]
            )
            saved = True
        except ValidationError as error:
            form.add_error(None, error)
    if saved and not is_partial(request):
        messages.success(request, "Practice notes saved.")
        return redirect("office:client", client_id=client.pk)
    context = _profile_context(request, client)
    context.update({"notes_form": form, "notes_saved": saved})
    template = "clients/office/client_detail.html"
    if is_partial(request):
        template += "#notes"
    return render(request, template, context, status=200 if saved or is_partial(request) else 400)


@staff_required
@require_POST
def client_sms_consent(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for(request.user, client_id)
    if restricted_closed(request, client):
        return restricted_notice(request, client, status=403)
    form = SmsConsentForm(request.POST)
    if form.is_valid():
        client_set_sms_consent(client=client, sms_consent=form.cleaned_data["sms_consent"])
        if client.sms_consent:
            messages.success(request, "Saved: this client agrees to reminders by text message.")
        else:
            messages.success(request, "Saved: this client gets no text messages.")
    return redirect("office:client", client_id=client.pk)


@staff_required
@require_POST
def client_date_of_birth(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for(request.user, client_id)
    if restricted_closed(request, client):
        return restricted_notice(request, client, status=403)
    form = DateOfBirthForm(request.POST)
    if not form.is_valid():
        context = _profile_context(request, client)
        context["birth_form"] = form
        return render(request, "clients/office/client_detail.html", context, status=400)
    client_set_date_of_birth(client=client, date_of_birth=form.cleaned_data["date_of_birth"])
    messages.success(request, "Saved the date of birth.")
    return redirect("office:client", client_id=client.pk)


def _merge_other(request: HttpRequest, client: Client, raw: str | None) -> Client | None:
    if not raw or not raw.isdigit():
        return None
    other = get_client_for(request.user, int(raw))
    if other.pk == client.pk or restricted_closed(request, other):
        return None
    return other


@staff_required
def client_merge_view(request: HttpRequest, client_id: int) -> HttpResponse:
    """Step 1: pick the duplicate (search). Step 2: compare and confirm. POST: merge."""
    client = get_client_for(request.user, client_id)
    if restricted_closed(request, client):
        return restricted_notice(request, client, status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        form = MergeForm(request.POST)
        other = _merge_other(request, client, request.POST.get("other"))
        if other is not None and form.is_valid():
            try:
                record = client_merge(survivor=client, duplicate=other, merged_by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                taken = ", ".join(record.fields_taken) or "nothing"
                messages.success(
                    request,
                    f"{record.merged_name} <{record.merged_email}> merged into this record: "
                    f"{record.bookings_moved} booking(s) moved; taken from it: {taken}.",
                )
                return redirect("office:client", client_id=client.pk)
        status = 400
    else:
        other = _merge_other(request, client, request.GET.get("other"))
        form = MergeForm(initial={"other": other.pk if other else None})
        status = 200
    search_form, query, page = _search_page(request, exclude=client)
    context = {
        "client": client,
        "other": other,
        "form": form,
        "search_form": search_form,
        "query": query,
        "page": page,
        "would_take": _would_take(client, other) if other else [],
    }
    return render(request, "clients/office/client_merge.html", context, status=status)


def _would_take(survivor: Client, duplicate: Client) -> list[str]:
    taken = []
    if not survivor.phone and duplicate.phone:
        taken.append(f"phone {duplicate.phone}")
    if survivor.user_id is None and duplicate.user_id is not None:
        taken.append("the sign-in (portal account)")
    if duplicate.practice_notes:
        taken.append("practice notes (added below the survivor's)")
    return taken


@practitioner_required
def client_clinical(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for(request.user, client_id, clinical=True)
    if restricted_closed(request, client):
        return restricted_notice(request, client)
    # One audit event per view (the audit app's hook: it sits above clients).
    record_viewed(request=request, client=client, what="clinical record")
    return render(request, "clients/office/client_clinical.html", {"client": client})
