"""The office's "Consent texts" screens (routed by office_urls.py under /office/intake/texts/):
each kind's current version with how many consents of it are in effect, any version's exact text
and fingerprint, and publishing a new version after a preview. Practitioners only: the texts are
the practice's, not a client's record, so no audit event is written for reading them; publishing
is audited by its write path."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from craniocare.accounts.permissions import practitioner_required
from craniocare.catalog.models import ConsentKind

from ..consent_texts import consent_document_clean
from ..forms import ConsentTextForm
from ..models import ConsentDocument, sha256_of
from ..selectors import (
    clients_to_sign_again,
    consent_text_versions,
    consent_texts_current,
    current_document,
)
from ..services import consent_document_publish


@practitioner_required
def consent_texts(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/office/consent_texts.html", {"texts": consent_texts_current()})


@practitioner_required
def consent_text(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(
        ConsentDocument.objects.select_related("published_by"), pk=document_id
    )
    versions = consent_text_versions(document.kind)
    shown = next(text for text in versions if text.document.pk == document.pk)
    context = {
        "text": shown,
        "document": document,
        "current": versions[0].document,
        "versions": versions,
    }
    return render(request, "intake/office/consent_text.html", context)


def _add_errors(form: ConsentTextForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@practitioner_required
def consent_text_publish(request: HttpRequest, kind: str) -> HttpResponse:
    """Edit (prefilled with the current text), preview, publish. The preview shows the text as
    the client will read it, its fingerprint, and what publishing does and does not change."""
    if kind not in ConsentKind.values:
        raise Http404("No such consent.")
    current = current_document(kind)
    action = request.POST.get("action", "")
    if request.method != "POST":
        form = ConsentTextForm(
            initial={
                "title": current.title,
                "body": current.body,
                "after_version": current.version,
            }
        )
        return _publish_page(request, kind, current, form)
    form = ConsentTextForm(request.POST)
    if action == "edit" or not form.is_valid():
        return _publish_page(request, kind, current, form, status=200 if action == "edit" else 400)
    data = form.cleaned_data
    try:
        if action != "publish":
            title, body = consent_document_clean(kind=kind, title=data["title"], body=data["body"])
            return _publish_page(request, kind, current, form, preview=(title, body))
        published = consent_document_publish(
            kind=kind,
            title=data["title"],
            body=data["body"],
            renewal_required=data["renewal_required"],
            published_by=request.user,
            after_version=data["after_version"],
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _publish_page(request, kind, current, form, status=400)
    again = (
        " Clients who signed an earlier version are asked to sign it."
        if published.renewal_required
        else ""
    )
    messages.success(
        request,
        f"Version {published.version} published. Consents already given keep the text they "
        f"were given on.{again}",
    )
    return redirect("office:consent_text", document_id=published.pk)


def _publish_page(
    request: HttpRequest,
    kind: str,
    current: ConsentDocument,
    form: ConsentTextForm,
    *,
    preview: tuple[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "kind": kind,
        "kind_label": ConsentKind(kind).label,
        "current": current,
        "form": form,
        "signers": clients_to_sign_again(kind),
    }
    if preview is not None:
        title, body = preview
        context["preview"] = ConsentDocument(kind=kind, title=title, body=body)
        context["preview_hash"] = sha256_of(body)
        context["preview_version"] = current.version + 1
    return render(request, "intake/office/consent_text_publish.html", context, status=status)
