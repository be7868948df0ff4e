"""The practitioner's intake and consent screens (routed by office_urls.py under /office/intake/):
a client's answers with the flagged ones first and their consents with the exact text version and
hash; filling the form in with the client; recording a consent given or withdrawn in the room;
publishing a new version of the form. Practitioners only, their own clients only (404 else). A
restricted record shows its notice instead, and writes nothing, until it is opened
(clients/restriction.py)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import practitioner_required
from craniocare.audit.models import Action
from craniocare.audit.services import audit_record
from craniocare.catalog.models import ConsentKind
from craniocare.clients.access import get_client_for
from craniocare.clients.restriction import restricted_closed, restricted_notice
from craniocare.core.ratelimit import client_ip

from ..access import get_consent_for, get_submission_for
from ..flow import save_section, state_for
from ..forms import ConsentForm, SectionForm, TemplateForm, WithdrawForm
from ..models import FormTemplate, Via
from ..presenters import answers_by_section, flagged_answers
from ..selectors import (
    consents_of,
    current_document,
    current_template,
    submissions_of,
    valid_kinds_by_client,
)
from ..services import (
    IntakeIncomplete,
    consent_give,
    consent_withdraw,
    form_template_publish,
    intake_submit,
)
from ..tokens import consent_link_for, intake_link_for


@practitioner_required
def intake_client(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for(request.user, client_id, clinical=True)
    if restricted_closed(request, client):
        return restricted_notice(request, client)
    audit_record(
        actor=request.user,
        client=client,
        action=Action.VIEW,
        request=request,
        detail="Opened the intake answers and consents.",
    )
    submissions = submissions_of(client)
    shown = next((s for s in submissions if not s.is_draft), None) or (
        submissions[0] if submissions else None
    )
    have = valid_kinds_by_client([client.pk]).get(client.pk, set())
    consents = consents_of(client)
    # Given and not withdrawn, yet not counting: a newer version asked them to sign again.
    to_renew = {c.kind for c in consents if not c.is_withdrawn} - have
    context: dict[str, Any] = {
        "client": client,
        "submission": shown,
        "submissions": submissions,
        "sections": answers_by_section(shown.template, shown.answers) if shown else [],
        "flagged": flagged_answers(shown.template, shown.answers) if shown else [],
        "consents": consents,
        "kinds": [(k, ConsentKind(k).label, k in have, k in to_renew) for k in ConsentKind.values],
        "withdraw_form": WithdrawForm(),
        "intake_link": request.build_absolute_uri(intake_link_for(client)),
        "consent_links": [
            (ConsentKind(k).label, request.build_absolute_uri(consent_link_for(client, k)))
            for k in ConsentKind.values
        ],
    }
    return render(request, "intake/office/client.html", context)


@practitioner_required
def intake_submission(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = get_submission_for(request.user, submission_id)
    if restricted_closed(request, submission.client):
        return restricted_notice(request, submission.client)
    audit_record(
        actor=request.user,
        client=submission.client,
        action=Action.VIEW,
        obj=submission,
        request=request,
        detail=f"Opened intake revision {submission.revision}.",
    )
    context = {
        "client": submission.client,
        "submission": submission,
        "sections": answers_by_section(submission.template, submission.answers),
        "flagged": flagged_answers(submission.template, submission.answers),
    }
    return render(request, "intake/office/submission.html", context)


@practitioner_required
def intake_fill(request: HttpRequest, client_id: int) -> HttpResponse:
    """The intake form filled in with the client in the room, a section at a time."""
    client = get_client_for(request.user, client_id, clinical=True)
    if restricted_closed(request, client):
        return restricted_notice(request, client, status=403 if request.method == "POST" else 200)
    state = state_for(client)
    definition = state.template.parsed
    if request.method == "POST" and request.POST.get("action") == "submit":
        if state.draft is None:
            messages.error(request, "There is nothing new to send.")
        else:
            try:
                intake_submit(submission=state.draft, submitted_by=request.user)
            except IntakeIncomplete as error:
                titles = [definition.section(k).title for k in error.sections]  # type: ignore[union-attr]
                messages.error(request, "Still to complete: " + ", ".join(titles) + ".")
                return redirect(f"{request.path}?section={error.sections[0]}")
            messages.success(request, "Intake saved and submitted.")
            return redirect("office:intake_client", client_id=client.pk)
    key = request.GET.get("section") or request.POST.get("section") or ""
    part = definition.section(key) or next(
        (s for s, done in state.sections() if not done), definition.sections[0]
    )
    status = 200
    if request.method == "POST":
        form, saved = save_section(request, state, part, via=Via.OFFICE, filled_by=request.user)
        if saved:
            following = definition.next_section(part.key)
            messages.success(request, f"{part.title}: saved.")
            target = following.key if following else part.key
            return redirect(f"{request.path}?section={target}")
        status = 400
    else:
        form = SectionForm(section=part, answers=state.answers)
    context = {
        "client": client,
        "state": state_for(client),
        "section": part,
        "form": form,
    }
    return render(request, "intake/office/fill.html", context, status=status)


@practitioner_required
def intake_consent_office(request: HttpRequest, client_id: int) -> HttpResponse:
    """A consent read and signed in the room (on the practitioner's tablet)."""
    client = get_client_for(request.user, client_id, clinical=True)
    if restricted_closed(request, client):
        return restricted_notice(request, client, status=403 if request.method == "POST" else 200)
    kind = request.GET.get("kind", "")
    if kind not in ConsentKind.values:
        kind = ConsentKind.GENERAL
    document = current_document(kind)
    status = 200
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                consent_give(
                    client=client,
                    document=document,
                    full_name=form.cleaned_data["full_name"],
                    signature_text=form.cleaned_data["signature_text"],
                    signature_path=form.cleaned_data["signature_path"],
                    ip_address=client_ip(request) or None,
                    via=Via.OFFICE,
                    recorded_by=request.user,
                )
            except ValidationError as error:
                for key, errors in error.message_dict.items():
                    form.add_error(key if key in form.fields else None, errors)
            else:
                messages.success(request, f"{document.title}: recorded.")
                return redirect("office:intake_client", client_id=client.pk)
        status = 400
    else:
        form = ConsentForm(initial={"full_name": client.name})
    context = {"client": client, "document": document, "form": form, "kind": kind}
    return render(request, "intake/office/consent.html", context, status=status)


@practitioner_required
@require_POST
def consent_withdraw_view(request: HttpRequest, consent_id: int) -> HttpResponse:
    consent = get_consent_for(request.user, consent_id)
    if restricted_closed(request, consent.client):
        return restricted_notice(request, consent.client, status=403)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, f"The withdrawal was not recorded: {problems}")
        return redirect("office:intake_client", client_id=consent.client_id)
    try:
        consent_withdraw(
            consent=consent,
            reason=form.cleaned_data["reason"],
            withdrawn_by=request.user,
            withdrawn_at=form.cleaned_data["withdrawn_at"],
        )
    except ValidationError as error:
        messages.error(request, "The withdrawal was not recorded: " + " ".join(error.messages))
    else:
        messages.success(
            request, f"Withdrawal of the {consent.kind_label.lower()} consent recorded."
        )
    return redirect("office:intake_client", client_id=consent.client_id)


@practitioner_required
def form_template_edit(request: HttpRequest) -> HttpResponse:
    """The intake form's questions as JSON; publishing makes a new version."""
    current = current_template()
    status = 200
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                published = form_template_publish(
                    definition=form.cleaned_data["definition"],
                    name=form.cleaned_data["name"],
                    published_by=request.user,
                    key=current.key,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Version {published.version} published. New forms use it; answers "
                    "already given keep their version.",
                )
                return redirect("office:intake_form")
        status = 400
    else:
        form = TemplateForm(
            initial={
                "name": current.name,
                "definition": json.dumps(current.definition, indent=2, ensure_ascii=False),
            }
        )
    context = {
        "form": form,
        "current": current,
        "versions": FormTemplate.objects.filter(key=current.key).order_by("-version")[:20],
    }
    return render(request, "intake/office/form_template.html", context, status=status)
