"""The public contact form: thin views over ContactForm and contact_message_create."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from craniocare.core import ratelimit

from ..forms import ContactForm
from ..models import Topic
from ..services import contact_message_create

logger = logging.getLogger(__name__)

RATELIMIT_RULE = "contact"


def _to_thanks() -> HttpResponse:
    # 303: after a POST, the browser GETs the thanks page; reloading it sends nothing twice.
    return HttpResponseRedirect(reverse("contact:thanks"), status=303)


def _render_form(
    request: HttpRequest, form: ContactForm, *, status: int = 200, rate_limited: bool = False
) -> HttpResponse:
    topic = form["topic"].value()
    context = {
        "form": form,
        "error_summary": form.error_summary() if form.is_bound else [],
        "booking_help": str(topic) == Topic.BOOKING,
        "rate_limited": rate_limited,
        "rate_limit_window": ratelimit.window_text(RATELIMIT_RULE),
    }
    return render(request, "contact/form.html", context, status=status)


# Never cached: the page carries a CSRF token and, after a POST, what the visitor typed.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_form(request, ContactForm.for_topic(request.GET.get("topic")))

    form = ContactForm(request.POST)
    if form.caught_in_honeypot():
        # Pretend it worked, so the bot learns nothing; store nothing, send nothing.
        logger.info("Contact form: honeypot filled in; message dropped.")
        return _to_thanks()
    if not form.is_valid():
        return _render_form(request, form, status=422)

    # Only messages that are about to be stored count toward the limit: a person correcting
    # mistakes in the form is never held back, and invalid or honeypot posts cost nothing
    # (no row, no email), which is what the limit protects.
    ip = ratelimit.client_ip(request)
    if not ratelimit.hit(RATELIMIT_RULE, ip):
        response = _render_form(request, form, status=429, rate_limited=True)
        response["Retry-After"] = str(ratelimit.retry_after(RATELIMIT_RULE))
        return response

    try:
        contact_message_create(
            **form.service_kwargs(),
            ip=ip,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
    except ValidationError as invalid:
        # The form checks everything the model does; this is a safety net, never a 500.
        if hasattr(invalid, "error_dict"):
            for field, messages in invalid.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, invalid.messages)
        return _render_form(request, form, status=422)
    return _to_thanks()


@never_cache
@require_http_methods(["GET", "HEAD"])
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "contact/thanks.html")
