"""The public waitlist pages: join (from the booking page's "none of these times work"), the
page after joining, an offer's page (its link books the time), and leaving the waitlist.

Thin views: the form parses, the write paths in services.py decide, the templates speak. The
offer and leave pages are reached only through the unguessable links in the emails, and are
never cached, never indexed and never leak their address (bookings' `private`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from craniocare.bookings.choices import practitioner_or_none, read_zone, service_or_404
from craniocare.bookings.http import private, see_other, url_with
from craniocare.bookings.open_times import horizon
from craniocare.bookings.session_times import format_when
from craniocare.core import ratelimit
from craniocare.lib.humanize import zone_label

from ..access import entry_by_leave_token, offer_by_token
from ..emails import wanted_times
from ..forms import JoinForm
from ..models import Offer, OfferStatus
from ..services import entry_join, entry_leave, offer_claim

RATELIMIT_RULE = "waitlist"
FIRST_RANGE_DAYS = 27  # the dates a new form suggests: four weeks from the first bookable day


def _render_join(
    request: HttpRequest, form: JoinForm, zone_key: str, *, status: int = 200, **extra: Any
) -> HttpResponse:
    service = form.service
    context = {
        "form": form,
        "service": service,
        "zone_key": zone_key,
        "zone_label": zone_label(zone_key),
        "error_summary": form.error_summary() if form.is_bound else [],
        "book_url": url_with("bookings:book", {"service": service.slug, "tz": zone_key}),
        **extra,
    }
    return render(request, "waitlist/join.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    service = service_or_404(data.get("service"))
    zone = read_zone(data, typed=False)
    if request.method != "POST":
        first, last = horizon(service, zone.zone, timezone.now())
        person = practitioner_or_none(request.GET.get("practitioner"))
        initial = {
            "first_day": first,
            "last_day": min(first + timedelta(days=FIRST_RANGE_DAYS), last),
            "practitioner": person.slug if person else "",
        }
        return _render_join(request, JoinForm(service=service, initial=initial), zone.key)
    form = JoinForm(request.POST, service=service)
    if not form.is_valid():
        return _render_join(request, form, zone.key, status=422)
    if not ratelimit.hit(RATELIMIT_RULE, ratelimit.client_ip(request)):
        window = ratelimit.window_text(RATELIMIT_RULE)
        return _render_join(request, form, zone.key, status=429, rate_limit_window=window)
    try:
        entry_join(**form.service_kwargs(), tz=zone.key)
    except ValidationError as invalid:
        form.add_service_errors(invalid)
        return _render_join(request, form, zone.key, status=422)
    return see_other(url_with("waitlist:joined", {}))


@require_http_methods(["GET", "HEAD"])
def joined(request: HttpRequest) -> HttpResponse:
    return render(request, "waitlist/joined.html")


def _offer_context(offer: Offer, outcome: str) -> dict[str, Any]:
    entry = offer.entry
    zone = ZoneInfo(entry.tz)  # checked when they joined
    return {
        "offer": offer,
        "entry": entry,
        "service": entry.service,
        "outcome": outcome,
        "when": format_when(offer.start, zone),
        "zone_label": zone_label(zone, offer.start),
        "held_until": format_when(offer.expires_at, zone, year=False),
        "book_url": url_with("bookings:book", {"service": entry.service.slug, "tz": entry.tz}),
    }


_SHOWN = {
    OfferStatus.HELD: "held",
    OfferStatus.CLAIMED: "booked",
    OfferStatus.EXPIRED: "expired",
    OfferStatus.LOST: "taken",
    OfferStatus.WITHDRAWN: "closed",
}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def offer(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the offered time and a button; POST books it (never a GET: mail scanners
    follow links)."""
    found = offer_by_token(token)
    if request.method == "POST":
        result = offer_claim(offer=found)
        if result.outcome == "booked" and result.booking is not None:
            confirmed = url_with(
                "bookings:confirmed", {"token": result.manage_token}, uid=result.booking.uid
            )
            return see_other(confirmed)
        found.refresh_from_db()
        page = render(request, "waitlist/offer.html", _offer_context(found, result.outcome))
        page.status_code = 409
        return private(page)
    outcome = _SHOWN[OfferStatus(found.status)]
    if outcome == "held" and found.expires_at <= timezone.now():
        outcome = "expired"
    return private(render(request, "waitlist/offer.html", _offer_context(found, outcome)))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request: HttpRequest, token: str) -> HttpResponse:
    entry = entry_by_leave_token(token)
    left = False
    if request.method == "POST":
        entry_leave(entry=entry)
        left = True
    context = {"entry": entry, "left": left, "times": wanted_times(entry)}
    return private(render(request, "waitlist/leave.html", context))
