"""Public booking pages. The manage page is a placeholder until the public booking flow lands;
its URL is already part of the API's answers (`manage_url`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.html import format_html
from django.views.decorators.http import require_GET

from .services import booking_by_manage_token


@require_GET
def manage(request: HttpRequest, uid: str) -> HttpResponse:
    booking = booking_by_manage_token(uid, request.GET.get("token", ""))
    if booking is None:
        raise Http404("No booking matches this link.")
    response = HttpResponse(
        format_html(
            "<!doctype html><title>Your booking</title><h1>{}</h1><p>{} ({})</p>",
            booking.service.name,
            booking.start.isoformat(),
            booking.get_status_display(),
        )
    )
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
