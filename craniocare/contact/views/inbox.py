"""The office inbox: contact-form messages by status, reply by email, link to a client.
Routed by contact/office_urls.py under /office/inbox/.

Thin views over craniocare.contact.inbox; every message and client is looked up through
craniocare.accounts.access."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import is_practitioner, staff_required
from craniocare.clients.access import clients_for, get_client_for
from craniocare.clients.forms import ClientSearchForm
from craniocare.clients.selectors import client_search

from ..access import contact_messages_for, get_contact_message_for
from ..inbox import (
    contact_message_link_client,
    contact_message_reply,
    contact_message_set_status,
)
from ..inbox_forms import FILTERS, LinkClientForm, ReplyForm, StatusForm
from ..models import ContactMessage, Status

PAGE_SIZE = 25


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    current = request.GET.get("status", "new")
    if current not in dict(FILTERS):
        current = "new"
    found = contact_messages_for(request.user).select_related("client")
    if current != "all":
        found = found.filter(status=current)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = {
        status: contact_messages_for(request.user).filter(status=status).count()
        for status in Status.values
    }
    context = {"page": page, "current": current, "filters": FILTERS, "counts": counts}
    return render(request, "contact/office/inbox.html", context)


def _message_context(
    request: HttpRequest, contact_message: ContactMessage, **extra: Any
) -> dict[str, Any]:
    search = ClientSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    same_email = clients_for(request.user).filter(email__iexact=contact_message.email).first()
    context: dict[str, Any] = {
        "contact_message": contact_message,
        "replies": contact_message.replies.select_related("sent_by", "outbox_message"),
        "reply_form": ReplyForm(),
        "statuses": Status.choices,
        "query": query,
        "candidates": client_search(user=request.user, query=query)[:10] if query else [],
        "same_email": same_email if same_email != contact_message.client else None,
        "opens_outbox": is_practitioner(request.user),  # the Outbox screen is theirs
    }
    context.update(extra)
    return context


@staff_required
def inbox_message(request: HttpRequest, message_id: int) -> HttpResponse:
    contact_message = get_contact_message_for(request.user, message_id)
    context = _message_context(request, contact_message)
    return render(request, "contact/office/inbox_message.html", context)


@staff_required
@require_POST
def inbox_reply(request: HttpRequest, message_id: int) -> HttpResponse:
    contact_message = get_contact_message_for(request.user, message_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            contact_message_reply(
                contact_message=contact_message,
                body=form.cleaned_data["body"],
                sent_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Reply to {contact_message.email} saved and queued for sending."
            )
            return redirect("office:inbox_message", message_id=contact_message.pk)
    context = _message_context(request, contact_message, reply_form=form)
    return render(request, "contact/office/inbox_message.html", context, status=400)


@staff_required
@require_POST
def inbox_status(request: HttpRequest, message_id: int) -> HttpResponse:
    contact_message = get_contact_message_for(request.user, message_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose new, answered or closed.")
        return redirect("office:inbox_message", message_id=contact_message.pk)
    contact_message_set_status(contact_message=contact_message, status=form.cleaned_data["status"])
    messages.success(request, f"Marked {contact_message.get_status_display().lower()}.")
    return redirect("office:inbox_message", message_id=contact_message.pk)


@staff_required
@require_POST
def inbox_link(request: HttpRequest, message_id: int) -> HttpResponse:
    contact_message = get_contact_message_for(request.user, message_id)
    form = LinkClientForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a client from the search results.")
        return redirect("office:inbox_message", message_id=contact_message.pk)
    client_id = form.cleaned_data["client"]
    client = get_client_for(request.user, client_id) if client_id else None
    contact_message_link_client(contact_message=contact_message, client=client)
    if client is None:
        messages.success(request, "The message is no longer linked to a client.")
    else:
        messages.success(request, f"Linked to {client.name}.")
    return redirect("office:inbox_message", message_id=contact_message.pk)
