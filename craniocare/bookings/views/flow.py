"""The public booking flow: /book/ (service, then a week of open times), details, review,
confirm, and the confirmation page. The client's own pages are in views/manage.py.

Every step is a full page without JavaScript and its partial for htmx (templates/bookings/
book.html#flow). Nothing is kept on the server between steps: the choice travels in the URL
(service, zone, week, start) and then in hidden fields (the details), and the confirm POST
checks everything again before `booking_create` has the last word.

Each view reads one way: parse the request once (choices.py, forms.py), ask the engine or the
write path (open_times.py, services.py), let a presenter build the context (presenters.py),
render (http.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from craniocare.core import ratelimit

from .. import presenters
from ..choices import Choice, read_choice, read_week, read_zone, week_asked
from ..errors import IdempotencyConflict, SlotUnavailable
from ..forms import IDEMPOTENCY_KEY, DetailsForm, carried_details
from ..http import (
    answers,
    booking_or_404,
    is_partial,
    private,
    render_page,
    see_other,
    url_with,
)
from ..models import Source
from ..open_times import is_open, week_to_show
from ..presenters import GONE_MESSAGE, TAKEN_MESSAGE
from ..services import booking_create

BOOK = "bookings/book.html"

RATE_LIMITED_MESSAGE = (
    "Many bookings have been made from this connection in the last hour, so we have paused "
    "online booking for it. Please try again later, or call or email us and we will book "
    "you in."
)
RESEND_MESSAGE = "Please check the details below and confirm once more."
CHANGED_MESSAGE = (
    "This booking was already sent with other details. Please check them and confirm again."
)


def time_step(
    request: HttpRequest,
    choice: Choice,
    *,
    week_raw: object = None,
    messages: Sequence[str] = (),
    carried: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Step 2: the week asked for (or the first with open times), as links to the details; with
    `carried` details (after a time was taken) as buttons that go straight to the review."""
    wanted, week_problem = read_week(week_raw)
    week, nothing_open = week_to_show(
        service=choice.service,
        zone=choice.tzinfo,
        wanted=wanted,
        now=timezone.now(),
        practitioner=choice.practitioner,
    )
    context = presenters.time_step(
        choice,
        week,
        nothing_open=nothing_open,
        messages=list(messages),
        week_raw=week_raw,
        week_problem=week_problem,
        carried=carried,
    )
    return render_page(request, BOOK, context, status=status)


def details_step(
    request: HttpRequest, choice: Choice, form: DetailsForm, *, status: int = 200
) -> HttpResponse:
    return render_page(request, BOOK, presenters.details_step(choice, form), status=status)


def review_step(
    request: HttpRequest,
    choice: Choice,
    form: DetailsForm,
    *,
    messages: Sequence[str] = (),
    status: int = 200,
) -> HttpResponse:
    context = presenters.review_step(choice, form, messages=list(messages))
    return render_page(request, BOOK, context, status=status)


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


def offered_choice(choice: Choice) -> Choice | None:
    """The choice with the practitioner who would take its start, or None when the start is
    no longer offered."""
    assert choice.start is not None
    who = is_open(
        service=choice.service,
        start=choice.start,
        zone=choice.tzinfo,
        now=timezone.now(),
        practitioner=choice.practitioner,
    )
    return None if who is None else choice.taken_by(who)


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD"])
@answers
def book(request: HttpRequest) -> HttpResponse:
    """Step 1 (no service yet): the services. Step 2 (?service=): the week of open times."""
    if not request.GET.get("service"):
        zone = read_zone(request.GET, typed=False)
        return render_page(request, BOOK, presenters.services_step(zone))
    choice = read_choice(request.GET, with_start=False)
    return time_step(request, choice, week_raw=request.GET.get("week"))


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD", "POST"])
@answers
def details(request: HttpRequest) -> HttpResponse:
    """Step 3. GET comes from a time in the week view; POST comes back from the review with
    the details as typed, to change them."""
    data = request.POST if request.method == "POST" else request.GET
    choice = read_choice(data, with_start=True)
    if choice.start is None:
        return time_step(request, choice, messages=[choice.problem], status=400)
    if request.method == "POST":
        form = DetailsForm(initial={name: data.get(name, "") for name in DetailsForm.FIELDS})
        return details_step(request, choice, form)
    offered = offered_choice(choice)
    if offered is None:
        week = choice.week_of_start()
        return time_step(request, choice, week_raw=week, messages=[GONE_MESSAGE], status=409)
    # A practitioner the visitor picked stays; otherwise the one who would take the time.
    return details_step(request, choice if choice.practitioner else offered, DetailsForm())


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["POST"])
@answers
def times(request: HttpRequest) -> HttpResponse:
    """The week view again with the details kept: another week or zone after a taken time,
    or "choose another time" from the review."""
    choice = read_choice(request.POST, with_start=False)
    week = week_asked(request.POST, choice.tzinfo)
    return time_step(request, choice, week_raw=week, carried=carried_details(request.POST))


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["POST"])
@answers
def review(request: HttpRequest) -> HttpResponse:
    """Step 4, after the details are valid and the time is still open."""
    choice = read_choice(request.POST, with_start=True)
    if choice.start is None:
        carried = carried_details(request.POST)
        return time_step(request, choice, messages=[choice.problem], carried=carried, status=400)
    form = DetailsForm(request.POST)
    if not form.is_valid():
        return details_step(request, choice, form, status=422)
    offered = offered_choice(choice)
    if offered is None:
        return taken_step(request, choice, message=GONE_MESSAGE)
    return review_step(request, offered, form)


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["POST"])
@answers
def confirm(request: HttpRequest) -> HttpResponse:
    """Books it. Everything is checked again; `booking_create` recomputes the slot inside its
    transaction, and the idempotency key makes a double submit one booking."""
    choice = read_choice(request.POST, with_start=True)
    if choice.start is None:
        carried = carried_details(request.POST)
        return time_step(request, choice, messages=[choice.problem], carried=carried, status=400)
    form = DetailsForm(request.POST)
    if not form.is_valid():
        return details_step(request, choice, form, status=422)
    key = str(request.POST.get("idempotency_key", ""))
    if not IDEMPOTENCY_KEY.fullmatch(key):
        return review_step(request, choice, form, messages=[RESEND_MESSAGE], status=400)
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
        return review_step(request, choice, form, messages=[CHANGED_MESSAGE], status=409)
    except ValidationError as invalid:
        if hasattr(invalid, "error_dict"):
            form.add_service_errors(invalid.message_dict)
        else:
            form.add_error(None, invalid.messages)
        return details_step(request, choice, form, status=422)
    booking, token = result.booking, result.manage_token
    url = url_with("bookings:confirmed", {"token": token}, uid=booking.uid)
    if not is_partial(request):
        return see_other(url)
    context = presenters.done_step(booking, token)
    return private(render_page(request, BOOK, context, push=url))


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD"])
@answers
def confirmed(request: HttpRequest, uid: str) -> HttpResponse:
    """The confirmation page (where the confirm POST leads); the token proves it is theirs."""
    token = str(request.GET.get("token", ""))
    booking = booking_or_404(request, uid, token)
    return private(render_page(request, BOOK, presenters.done_step(booking, token)))
