"""The public booking flow: /book/ (service, then a week of open times), details, review,
confirm, and the confirmation page. The client's own pages are in views/manage.py.

Every step is a full page without JavaScript and its partial for htmx (templates/bookings/
book.html#flow). Nothing is kept on the server between steps: the choice travels in the URL
(service, zone, week, start) and then in hidden fields (the details), and the confirm POST
checks everything again before `booking_create` has the last word.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from craniocare.catalog.models import Service
from craniocare.core import ratelimit

from ..errors import IdempotencyConflict, SlotUnavailable
from ..forms import (
    IDEMPOTENCY_KEY,
    BadChoice,
    DetailsForm,
    carried_details,
    parse_start,
    practitioner_or_none,
    resolve_zone,
    service_or_404,
)
from ..models import Booking, Source
from ..services import booking_create
from ..web import (
    GONE_MESSAGE,
    TAKEN_MESSAGE,
    Choice,
    answers,
    booking_context,
    booking_or_404,
    is_partial,
    practice_zone,
    private,
    render_page,
    session_context,
    url_with,
    week_view,
)
from ..week import is_open

STEPS = (
    ("service", "Service"),
    ("time", "Time"),
    ("details", "Your details"),
    ("review", "Review"),
)


RATE_LIMITED_MESSAGE = (
    "Many bookings have been made from this connection in the last hour, so we have paused "
    "online booking for it. Please try again later, or call or email us and we will book "
    "you in."
)


def new_idempotency_key() -> str:
    return "web-" + secrets.token_urlsafe(24)


def read_choice(data: QueryDict, *, with_start: bool) -> tuple[Choice, str]:
    """The choice in `data`, and a message when its start could not be read (then no start).
    An unknown service raises Http404."""
    choice = Choice(
        service=service_or_404(data.get("service")),
        zone=resolve_zone(data.get("tz"), data.get("tz_other"), practice_zone()),
        practitioner=practitioner_or_none(data.get("practitioner")),
    )
    if with_start:
        try:
            choice.start = parse_start(data.get("start"))
        except BadChoice as bad:
            return choice, bad.message
    return choice, ""


def steps_for(current: str) -> list[dict[str, str]]:
    keys = [key for key, _ in STEPS]
    position = keys.index(current) if current in keys else len(keys)
    return [
        {
            "label": label,
            "state": "done" if index < position else "current" if index == position else "todo",
        }
        for index, (_, label) in enumerate(STEPS)
    ]


def render_flow(
    request: HttpRequest,
    step: str,
    title: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    push: str = "",
) -> HttpResponse:
    context = {**context, "step": step, "title": title, "steps": steps_for(step)}
    return render_page(request, "bookings/book.html", context, status=status, push=push)


def time_step(
    request: HttpRequest,
    choice: Choice,
    *,
    week_raw: object = None,
    messages: list[str] | None = None,
    carried: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Step 2: the week view. Its times are links to the details step; with `carried` details
    (after a time was taken) they are buttons that go straight to the review instead."""
    context = week_view(choice, week_raw=week_raw, messages=messages or [])
    week = context["week"]
    if carried is None:
        context.update(
            mode="links",
            zone_action=reverse("bookings:book"),
            zone_method="get",
            zone_hidden=[
                (key, value)
                for key, value in choice.params(week=week.monday.isoformat()).items()
                if key != "tz" and value
            ],
            previous_url=url_with("bookings:book", choice.params(week=week.previous_monday))
            if week.previous_monday
            else "",
            next_url=url_with("bookings:book", choice.params(week=week.next_monday))
            if week.next_monday
            else "",
        )
        if not choice.zone.explicit and not choice.zone.error:
            # Shown in the practice's zone because none was named: booking.js asks again with
            # the browser's zone.
            context["zone_auto_url"] = url_with(
                "bookings:book", {**choice.params(), "week": week_raw or ""}
            )
        for day in week.days:
            for time_choice in day.times:
                time_choice.url = url_with(
                    "bookings:details", {**choice.params(start=time_choice.value), "tz": week.zone}
                )
    else:
        selection = [("service", choice.service.slug)]
        if choice.practitioner:
            selection.append(("practitioner", choice.practitioner.slug))
        context.update(
            mode="form",
            form_action=reverse("bookings:review"),
            nav_action=reverse("bookings:times"),
            form_hidden=[*selection, ("tz", week.zone), *carried],
            zone_action=reverse("bookings:times"),
            zone_method="post",
            zone_hidden=[*selection, ("shown_week", week.monday.isoformat()), *carried],
        )
    context["taken"] = carried is not None
    return render_flow(request, "time", "Choose a time", context, status=status)


def details_step(
    request: HttpRequest, choice: Choice, form: DetailsForm, *, status: int = 200
) -> HttpResponse:
    """Step 3: name, email, phone, first visit, notes."""
    assert choice.start is not None
    context = {
        "choice": choice,
        "form": form,
        "hidden": choice.hidden(),
        "error_summary": form.error_summary() if form.is_bound else [],
        "back_url": url_with("bookings:book", choice.params(week=choice.week_of_start())),
        **session_context(choice.service, choice.start, choice.zone.key, choice.practitioner),
    }
    title = "Please check your details" if context["error_summary"] else "Your details"
    return render_flow(request, "details", title, context, status=status)


def review_step(
    request: HttpRequest,
    choice: Choice,
    form: DetailsForm,
    *,
    messages: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Step 4: everything at a glance; the confirm button carries a fresh idempotency key."""
    assert choice.start is not None
    context = {
        "choice": choice,
        "details": form.cleaned_data,
        "first_visit": form.is_first_visit,
        "hidden": [*choice.hidden(), *carried_details(form.data)],
        "idempotency_key": new_idempotency_key(),
        "messages": messages or [],
        **session_context(choice.service, choice.start, choice.zone.key, choice.practitioner),
    }
    return render_flow(request, "review", "Check and confirm", context, status=status)


def taken_step(request: HttpRequest, choice: Choice, *, message: str) -> HttpResponse:
    """409: the week of the wanted time again, fresh, with the visitor's details kept."""
    return time_step(
        request,
        choice,
        week_raw=choice.week_of_start(),
        messages=[message],
        carried=carried_details(request.POST),
        status=409,
    )


def done_step(
    request: HttpRequest, booking: Booking, token: str, *, push: str = ""
) -> HttpResponse:
    return render_flow(request, "done", "You're booked", booking_context(booking, token), push=push)


def open_practitioner(choice: Choice) -> Any:
    assert choice.start is not None
    return is_open(
        service=choice.service,
        start=choice.start,
        zone=choice.tzinfo,
        now=timezone.now(),
        practitioner=choice.practitioner,
    )


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD"])
@answers
def book(request: HttpRequest) -> HttpResponse:
    """Step 1 (no service yet): the services. Step 2 (?service=): the week of open times."""
    if not request.GET.get("service"):
        zone = resolve_zone(request.GET.get("tz"), None, practice_zone())
        services = [
            {
                "service": service,
                "url": url_with(
                    "bookings:book",
                    {"service": service.slug, "tz": zone.key if zone.explicit else ""},
                ),
            }
            for service in Service.objects.active()
        ]
        return render_flow(request, "service", "Choose a session", {"services": services})
    choice, _ = read_choice(request.GET, with_start=False)
    return time_step(request, choice, week_raw=request.GET.get("week"))


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD", "POST"])
@answers
def details(request: HttpRequest) -> HttpResponse:
    """Step 3. GET comes from a time in the week view; POST comes back from the review with
    the details as typed, to change them."""
    data = request.POST if request.method == "POST" else request.GET
    choice, problem = read_choice(data, with_start=True)
    if problem or choice.start is None:
        return time_step(request, choice, messages=[problem], status=400)
    if request.method == "POST":
        form = DetailsForm(initial={name: data.get(name, "") for name in DetailsForm.FIELDS})
        return details_step(request, choice, form)
    who = open_practitioner(choice)
    if who is None:
        week = choice.week_of_start()
        return time_step(request, choice, week_raw=week, messages=[GONE_MESSAGE], status=409)
    choice.practitioner = choice.practitioner or who
    return details_step(request, choice, DetailsForm())


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["POST"])
@answers
def times(request: HttpRequest) -> HttpResponse:
    """The week view again with the details kept: another week or zone after a taken time,
    or "choose another time" from the review."""
    choice, _ = read_choice(request.POST, with_start=False)
    week = request.POST.get("week") or request.POST.get("shown_week")
    if not week and request.POST.get("start"):
        try:
            start = parse_start(request.POST.get("start"))
            week = timezone.localtime(start, choice.tzinfo).date().isoformat()
        except BadChoice:
            week = None
    return time_step(request, choice, week_raw=week, carried=carried_details(request.POST))


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["POST"])
@answers
def review(request: HttpRequest) -> HttpResponse:
    """Step 4, after the details are valid and the time is still open."""
    choice, problem = read_choice(request.POST, with_start=True)
    if problem or choice.start is None:
        carried = carried_details(request.POST)
        return time_step(request, choice, messages=[problem], carried=carried, status=400)
    form = DetailsForm(request.POST)
    if not form.is_valid():
        return details_step(request, choice, form, status=422)
    who = open_practitioner(choice)
    if who is None:
        return taken_step(request, choice, message=GONE_MESSAGE)
    choice.practitioner = who
    return review_step(request, choice, form)


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["POST"])
@answers
def confirm(request: HttpRequest) -> HttpResponse:
    """Books it. Everything is checked again; `booking_create` recomputes the slot inside its
    transaction, and the idempotency key makes a double submit one booking."""
    choice, problem = read_choice(request.POST, with_start=True)
    if problem or choice.start is None:
        carried = carried_details(request.POST)
        return time_step(request, choice, messages=[problem], carried=carried, status=400)
    form = DetailsForm(request.POST)
    if not form.is_valid():
        return details_step(request, choice, form, status=422)
    key = str(request.POST.get("idempotency_key", ""))
    if not IDEMPOTENCY_KEY.fullmatch(key):
        again = "Please check the details below and confirm once more."
        return review_step(request, choice, form, messages=[again], status=400)
    if not ratelimit.hit("booking_web", ratelimit.client_ip(request)):
        return review_step(request, choice, form, messages=[RATE_LIMITED_MESSAGE], status=429)
    try:
        result = booking_create(
            service=choice.service,
            start=choice.start,
            client=form.client_details(),
            source=Source.ONLINE,
            booked_tz=choice.zone.key,
            practitioner=choice.practitioner,
            notes=form.cleaned_data["notes"],
            first_visit=form.is_first_visit,
            idempotency_key=key,
        )
    except SlotUnavailable:
        return taken_step(request, choice, message=TAKEN_MESSAGE)
    except IdempotencyConflict:
        changed = (
            "This booking was already sent with other details. Please check them and confirm again."
        )
        return review_step(request, choice, form, messages=[changed], status=409)
    except ValidationError as invalid:
        if hasattr(invalid, "error_dict"):
            form.add_service_errors(invalid.message_dict)
        else:
            form.add_error(None, invalid.messages)
        return details_step(request, choice, form, status=422)
    booking, token = result.booking, result.manage_token
    url = url_with("bookings:confirmed", {"token": token}, uid=booking.uid)
    if not is_partial(request):
        return private(HttpResponseRedirect(url, status=303))
    return private(done_step(request, booking, token, push=url))


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD"])
@answers
def confirmed(request: HttpRequest, uid: str) -> HttpResponse:
    """The confirmation page (where the confirm POST leads); the token proves it is theirs."""
    token = str(request.GET.get("token", ""))
    booking = booking_or_404(request, uid, token)
    return private(done_step(request, booking, token))
