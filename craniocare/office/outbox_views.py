"""The Outbox screen (practitioners): what is waiting, what failed and what went out, with
"retry" and "cancel". It shows recipients, subjects, attempts and errors; the body of a message
only when it carries no health information (DESIGN.md rule 6)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import practitioner_required
from craniocare.outbox.models import Message
from craniocare.outbox.selectors import VIEWS, counts_by_view, messages_in
from craniocare.outbox.services import message_cancel, message_retry

PAGE_SIZE = 50
KIND_LABELS = {
    "booking_created": "Booking confirmation",
    "booking_rescheduled": "New time",
    "booking_cancelled": "Cancellation",
    "booking_created_practitioner": "New booking (to the practice)",
    "booking_rescheduled_practitioner": "Booking moved (to the practice)",
    "booking_cancelled_practitioner": "Booking cancelled (to the practice)",
    "contact_notification": "New contact message (to the practice)",
    "contact_reply": "Inbox reply",
    "staff_invitation": "Staff invitation",
    "account_password_reset_key": "Password reset",
    "account_email_confirmation": "Email address confirmation",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind) or kind.replace("_", " ").capitalize()


@practitioner_required
def outbox(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("show", "waiting")
    if view not in {value for value, _, _ in VIEWS}:
        view = "waiting"
    page = Paginator(messages_in(view), PAGE_SIZE).get_page(request.GET.get("page"))
    for message in page.object_list:
        message.kind_label = kind_label(message.kind)
    return render(
        request,
        "office/outbox.html",
        {
            "views": [(value, label) for value, label, _ in VIEWS],
            "current": view,
            "counts": counts_by_view(),
            "page": page,
        },
    )


@practitioner_required
def outbox_message(request: HttpRequest, outbox_message_id: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=outbox_message_id)
    body = None if message.clinical else message.payload.get("body", "")
    return render(
        request,
        "office/outbox_message.html",
        {
            "message": message,
            "kind": kind_label(message.kind),
            "body": body,
            "attempts": message.attempt_log.all(),
        },
    )


@practitioner_required
@require_POST
def outbox_retry(request: HttpRequest, outbox_message_id: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=outbox_message_id)
    if message_retry(message=message):
        messages.success(request, f"Sending again to {message.recipient_label}.")
    else:
        messages.info(request, "That message is not waiting to be retried any more.")
    return redirect("office:outbox_message", outbox_message_id=message.pk)


@practitioner_required
@require_POST
def outbox_cancel(request: HttpRequest, outbox_message_id: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=outbox_message_id)
    if message_cancel(message=message):
        messages.success(request, f"Cancelled: it will not be sent to {message.recipient_label}.")
    else:
        messages.info(request, "That message has already gone out or was cancelled before.")
    return redirect("office:outbox_message", outbox_message_id=message.pk)
