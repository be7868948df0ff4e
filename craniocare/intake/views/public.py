"""The client's pages, reached from the signed, expiring link in their emails
(craniocare/intake/tokens.py): the intake form a section at a time, and a consent to read and
sign. A wrong link is a friendly 404, an expired one a friendly 410; nothing else of any client
is reachable from a token than the client it names."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from craniocare.catalog.models import ConsentKind
from craniocare.clients.models import Client
from craniocare.core.ratelimit import client_ip

from ..flow import save_section, state_for
from ..forms import ConsentForm, SectionForm
from ..models import Via
from ..presenters import answers_by_section
from ..selectors import consents_of, current_document, valid_kinds_by_client
from ..services import IntakeIncomplete, consent_give, intake_submit
from ..tokens import client_id_from


class LinkProblem(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def _client_for(request: HttpRequest, token: str) -> Client:
    found = client_id_from(token)
    if isinstance(found, int):
        client = Client.objects.filter(pk=found).first()
        if client is not None:
            return client
        found = "invalid"
    status = 410 if found == "expired" else 404
    raise LinkProblem(
        render(request, "intake/link_problem.html", {"problem": found}, status=status)
    )


def _guarded(view: Any) -> Any:
    def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            client = _client_for(request, token)
        except LinkProblem as problem:
            return problem.response
        return view(request, client, token, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _consent_links(client: Client, token: str) -> list[dict[str, Any]]:
    """The consents the client is asked for (the kinds their booked services need, and the
    general one), with whether each is signed."""
    kinds = {ConsentKind.GENERAL.value}
    for needed in client.bookings.values_list("service__consents_required", flat=True):
        kinds.update(needed or [])
    have = valid_kinds_by_client([client.pk]).get(client.pk, set())
    return [
        {
            "kind": kind,
            "label": ConsentKind(kind).label,
            "signed": kind in have,
            "url": reverse("intake:consent", kwargs={"token": token, "kind": kind}),
        }
        for kind in ConsentKind.values
        if kind in kinds
    ]


@require_http_methods(["GET"])
@_guarded
def overview(request: HttpRequest, client: Client, token: str) -> HttpResponse:
    state = state_for(client)
    context = {
        "client": client,
        "token": token,
        "state": state,
        "consents": _consent_links(client, token),
    }
    return render(request, "intake/overview.html", context)


@require_http_methods(["GET", "POST"])
@_guarded
def section(request: HttpRequest, client: Client, token: str, key: str) -> HttpResponse:
    state = state_for(client)
    part = state.template.parsed.section(key)
    if part is None:
        return render(request, "intake/link_problem.html", {"problem": "invalid"}, status=404)
    status = 200
    if request.method == "POST":
        form, saved = save_section(request, state, part, via=Via.LINK, filled_by=None)
        if saved:
            if request.POST.get("action") == "later":
                messages.success(request, "Saved. You can come back to this link at any time.")
                return redirect("intake:overview", token=token)
            following = state.template.parsed.next_section(key)
            if following is not None:
                return redirect("intake:section", token=token, key=following.key)
            return redirect("intake:review", token=token)
        status = 400
    else:
        form = SectionForm(section=part, answers=state.answers)
    sections = state.template.parsed.sections
    context = {
        "client": client,
        "token": token,
        "state": state,
        "section": part,
        "form": form,
        "step": [s.key for s in sections].index(key) + 1,
        "steps": len(sections),
    }
    return render(request, "intake/section.html", context, status=status)


@require_http_methods(["GET", "POST"])
@_guarded
def review(request: HttpRequest, client: Client, token: str) -> HttpResponse:
    state = state_for(client)
    incomplete: list[str] = []
    if request.method == "POST" and state.draft is not None:
        try:
            intake_submit(submission=state.draft)
        except IntakeIncomplete as error:
            incomplete = error.sections
        except ValidationError:
            pass
        else:
            messages.success(request, "Thank you. Your answers are with your practitioner.")
            return redirect("intake:overview", token=token)
    context = {
        "client": client,
        "token": token,
        "state": state,
        "incomplete": incomplete,
        "review_sections": answers_by_section(state.draft.template, state.draft.answers)
        if state.draft
        else [],
    }
    return render(request, "intake/review.html", context, status=400 if incomplete else 200)


@require_http_methods(["GET", "POST"])
@_guarded
def consent(request: HttpRequest, client: Client, token: str, kind: str) -> HttpResponse:
    if kind not in ConsentKind.values:
        return render(request, "intake/link_problem.html", {"problem": "invalid"}, status=404)
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
                    via=Via.LINK,
                )
            except ValidationError as error:
                for key, errors in error.message_dict.items():
                    form.add_error(key if key in form.fields else None, errors)
            else:
                messages.success(request, "Thank you. Your consent is recorded.")
                return redirect("intake:consent", token=token, kind=kind)
        status = 400
    else:
        form = ConsentForm(initial={"full_name": client.name})
    given = [c for c in consents_of(client) if c.kind == kind and not c.is_withdrawn]
    signed = bool(given) and kind in valid_kinds_by_client([client.pk]).get(client.pk, set())
    context = {
        "client": client,
        "token": token,
        "document": document,
        "form": form,
        "signed": given[0] if signed else None,
        # Signed before, on a version that no longer counts: say why they are asked again.
        "earlier": given[0] if given and not signed else None,
    }
    return render(request, "intake/consent.html", context, status=status)
