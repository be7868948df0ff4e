"""The client's own booking, reached through the manage link (uid + token): see it, add it to a
calendar, cancel it or move it, until the service's cancellation cutoff.

Each view reads one way, as the public flow does: parse, call the engine or a write path,
let a presenter build the context, render. A wrong token is a kind 404 page. Every answer is
private (no-store, a same-origin referrer policy, noindex).
Changes go through `booking_cancel` / `booking_reschedule` with `by_client=True`, which hold the
client to the cutoff; the pages only explain.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from craniocare.core.htmx import is_partial

from .. import ics, presenters
from ..access import booking_by_manage_token
from ..choices import BadChoice, Choice, ZoneChoice, parse_start, read_week, resolve_zone
from ..errors import BookingNotChangeable, CancellationWindowPassed, SlotUnavailable
from ..forms import CancelForm
from ..http import answers, booking_or_404, private, render_page, see_other, url_with
from ..models import Booking, Status
from ..open_times import is_open, week_to_show
from ..presenters import GONE_MESSAGE, TAKEN_MESSAGE, booking_context
from ..services import booking_cancel, booking_reschedule, can_client_change
from ..session_times import booked_zone

DONE_STATES = {"cancelled", "moved"}


def render_manage(
    request: HttpRequest,
    state: str,
    title: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    push: str = "",
) -> HttpResponse:
    context = {**context, "state": state, "title": title}
    return private(render_page(request, "bookings/manage.html", context, status=status, push=push))


def overview(
    request: HttpRequest,
    booking: Booking,
    token: str,
    *,
    done: str = "",
    messages: list[str] | None = None,
    status: int = 200,
    push: str = "",
) -> HttpResponse:
    context = {**booking_context(booking, token), "done": done, "messages": messages or []}
    return render_manage(request, "overview", "Your booking", context, status=status, push=push)


def refused(request: HttpRequest, booking: Booking, token: str, error: Exception) -> HttpResponse:
    """409: the change is no longer possible online (inside the cutoff, or not confirmed)."""
    if isinstance(error, CancellationWindowPassed):
        message = (
            f"Online changes close {booking.service.cancellation_cutoff_hours} hours before a "
            "session, so this one can no longer be changed here."
        )
    else:
        message = "This booking can no longer be changed online."
    fresh = booking_by_manage_token(booking.uid, token) or booking
    return overview(request, fresh, token, messages=[message], status=409)


def after_change(request: HttpRequest, booking: Booking, token: str, done: str) -> HttpResponse:
    url = url_with("bookings:manage", {"token": token, "done": done}, uid=booking.uid)
    if not is_partial(request):
        return see_other(url)
    return overview(request, booking, token, done=done, push=url)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD"])
@answers
def manage(request: HttpRequest, uid: str) -> HttpResponse:
    token = str(request.GET.get("token", ""))
    booking = booking_or_404(request, uid, token)
    done = str(request.GET.get("done", ""))
    return overview(request, booking, token, done=done if done in DONE_STATES else "")


@require_http_methods(["GET", "HEAD"])
@answers
def calendar_file(request: HttpRequest, uid: str) -> HttpResponse:
    """The booking as a calendar file (METHOD:PUBLISH), for "add to calendar"."""
    booking = booking_or_404(request, uid, str(request.GET.get("token", "")))
    response = HttpResponse(
        ics.booking_calendar(booking, "PUBLISH"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{ics.filename(booking)}"'
    return private(response)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD", "POST"])
@answers
def cancel(request: HttpRequest, uid: str) -> HttpResponse:
    """GET: are you sure? POST: cancel; the time is free for others at once."""
    data = request.POST if request.method == "POST" else request.GET
    token = str(data.get("token", ""))
    booking = booking_or_404(request, uid, token)
    if request.method != "POST":
        if not can_client_change(booking, timezone.now()):
            return overview(request, booking, token)
        context = {**booking_context(booking, token), "form": CancelForm()}
        return render_manage(request, "cancel", "Cancel your session?", context)
    form = CancelForm(request.POST)
    if not form.is_valid():
        context = {**booking_context(booking, token), "form": form}
        return render_manage(request, "cancel", "Cancel your session?", context, status=422)
    try:
        booking = booking_cancel(
            booking=booking, reason=form.cleaned_data["reason"], by_client=True
        )
    except (CancellationWindowPassed, BookingNotChangeable) as error:
        return refused(request, booking, token, error)
    return after_change(request, booking, token, "cancelled")


def reschedule_week(
    request: HttpRequest,
    booking: Booking,
    token: str,
    *,
    zone: ZoneChoice,
    week_raw: object,
    messages: list[str],
    status: int = 200,
) -> HttpResponse:
    """The week of open times for the same service and practitioner, as links to the move."""
    choice = Choice(service=booking.service, zone=zone, practitioner=booking.practitioner)
    wanted, week_problem = read_week(week_raw)
    week, nothing_open = week_to_show(
        service=booking.service,
        zone=zone.zone,
        wanted=wanted,
        now=timezone.now(),
        practitioner=booking.practitioner,
    )
    context = presenters.reschedule_week(
        booking,
        token,
        choice,
        week,
        nothing_open=nothing_open,
        messages=messages,
        week_problem=week_problem,
    )
    return render_manage(request, "reschedule", "Choose a new time", context, status=status)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD", "POST"])
@answers
def reschedule(request: HttpRequest, uid: str) -> HttpResponse:
    """GET: the week of open times, or (with ?start=) the move to confirm. POST: move it, in
    one transaction (`booking_reschedule`): the old time is freed as the new one is taken."""
    data = request.POST if request.method == "POST" else request.GET
    token = str(data.get("token", ""))
    booking = booking_or_404(request, uid, token)
    if not can_client_change(booking, timezone.now()):
        if request.method != "POST":
            return overview(request, booking, token)
        closed = (
            BookingNotChangeable if booking.status != Status.CONFIRMED else CancellationWindowPassed
        )
        return refused(request, booking, token, closed(booking.uid))
    named = resolve_zone(data.get("tz"), data.get("tz_other"), booked_zone(booking))
    zone = ZoneChoice(named.key, explicit=True, error=named.error)
    if not data.get("start"):
        # The week of the current session first: moving it a little is the usual wish.
        week = data.get("week") or timezone.localtime(booking.start, zone.zone).date().isoformat()
        return reschedule_week(request, booking, token, zone=zone, week_raw=week, messages=[])
    try:
        start = parse_start(data.get("start"))
    except BadChoice as bad:
        return reschedule_week(
            request, booking, token, zone=zone, week_raw=None, messages=[bad.message], status=400
        )
    week_of_start = timezone.localtime(start, zone.zone).date().isoformat()
    if request.method == "POST":
        try:
            booking = booking_reschedule(booking=booking, new_start=start, by_client=True)
        except SlotUnavailable:
            return reschedule_week(
                request,
                booking,
                token,
                zone=zone,
                week_raw=week_of_start,
                messages=[TAKEN_MESSAGE],
                status=409,
            )
        except (CancellationWindowPassed, BookingNotChangeable) as error:
            return refused(request, booking, token, error)
        return after_change(request, booking, token, "moved")
    offered = is_open(
        service=booking.service,
        start=start,
        zone=zone.zone,
        now=timezone.now(),
        practitioner=booking.practitioner,
    )
    if offered is None:
        return reschedule_week(
            request,
            booking,
            token,
            zone=zone,
            week_raw=week_of_start,
            messages=[GONE_MESSAGE],
            status=409,
        )
    context = presenters.reschedule_review(booking, token, start, zone)
    return render_manage(request, "reschedule_review", "Move your session?", context)
