"""Helpers shared by the public booking pages (views.py) and the client's manage pages
(views/manage.py): htmx partial detection, private-page headers, the kind 404 page, and the
context that describes a week of open times, a chosen session and a booking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import push_url, reswap, retarget

from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.scheduling.models import Practitioner

from . import ics
from .access import booking_by_manage_token
from .forms import BadChoice, ZoneChoice, is_known_zone, parse_week, zone_choices
from .models import Booking, Status
from .services import can_client_change
from .week import (
    build_week,
    change_deadline,
    first_week_with_times,
    format_when,
    iso_start,
    monday_of,
    time_facts,
)

TAKEN_MESSAGE = (
    "Sorry, that time was just taken by someone else. Here are the times still open that "
    "week, checked a moment ago."
)
GONE_MESSAGE = "That time is no longer open. Here are the times still open that week."

View = TypeVar("View", bound=Callable[..., HttpResponse])


class Answer(Exception):
    """Stops a view early with a response (a 404 page, a step shown again with a message)."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__()
        self.response = response


def answers(view: View) -> View:
    """Turns Answer into its response, and an unknown service into a kind 404 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Answer as answer:
            return answer.response
        except Http404:
            return not_found(request, kind="service")

    return wrapper  # type: ignore[return-value]


def is_partial(request: HttpRequest) -> bool:
    """An htmx request that swaps one step (not a history restore, which wants the page)."""
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    push: str = "",
) -> HttpResponse:
    """The whole page, or (htmx) its `flow` partial, with `push` as the new address."""
    partial = is_partial(request)
    name = f"{template}#flow" if partial else template
    response = render(request, name, {**context, "partial": partial}, status=status)
    if partial and push:
        push_url(response, push)
    return response


def private(response: HttpResponse) -> HttpResponse:
    """Pages that show one person's booking: never stored, never indexed, and their secret
    address never sent to another site. "same-origin", not "no-referrer": under no-referrer
    browsers send `Origin: null` with the page's own forms, which the CSRF check refuses."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def not_found(request: HttpRequest, *, kind: str = "booking") -> HttpResponse:
    response = render(request, "bookings/not_found.html", {"kind": kind}, status=404)
    if is_partial(request):  # a whole page: htmx swaps it in for the page's body
        retarget(response, "body")
        reswap(response, "innerHTML")
    return private(response)


def practice_zone() -> str:
    zone = PracticeProfile.load().time_zone
    return zone if is_known_zone(zone) else "UTC"


def url_with(name: str, params: dict[str, Any], **kwargs: Any) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    path = reverse(name, kwargs=kwargs or None)
    return f"{path}?{query}" if query else path


def reach_text() -> str:
    practice = PracticeProfile.load()
    return " or ".join(part for part in [practice.phone, practice.email] if part)


@dataclass
class Choice:
    """What the visitor has chosen so far (read from the query or hidden fields)."""

    service: Service
    zone: ZoneChoice
    practitioner: Practitioner | None = None
    start: datetime | None = None

    @property
    def tzinfo(self) -> ZoneInfo:
        return self.zone.zone

    def params(self, **extra: Any) -> dict[str, Any]:
        """Query parameters that keep the choice (the zone only when the visitor named one)."""
        return {
            "service": self.service.slug,
            "tz": self.zone.key if self.zone.explicit else "",
            "practitioner": self.practitioner.slug if self.practitioner else "",
            **extra,
        }

    def hidden(self) -> list[tuple[str, str]]:
        fields = [("service", self.service.slug), ("tz", self.zone.key)]
        if self.practitioner:
            fields.append(("practitioner", self.practitioner.slug))
        if self.start:
            fields.append(("start", iso_start(self.start)))
        return fields

    def week_of_start(self) -> str:
        assert self.start is not None
        return timezone.localtime(self.start, self.tzinfo).date().isoformat()


def week_view(choice: Choice, *, week_raw: object, messages: list[str]) -> dict[str, Any]:
    """The week of open times asked for (or the first week with times), in the chosen zone."""
    now = timezone.now()
    if choice.zone.error:
        messages.append(choice.zone.error)
    try:
        wanted = parse_week(week_raw)
    except BadChoice as bad:
        messages.append(bad.message)
        wanted = None
    nothing_open = False
    if wanted is None:
        first_found = first_week_with_times(
            service=choice.service, zone=choice.tzinfo, now=now, practitioner=choice.practitioner
        )
        nothing_open = first_found is None
        wanted = first_found or monday_of(timezone.localtime(now, choice.tzinfo).date())
    week = build_week(
        service=choice.service,
        zone=choice.tzinfo,
        monday=wanted,
        now=now,
        practitioner=choice.practitioner,
    )
    return {
        "choice": choice,
        "week": week,
        "messages": messages,
        "nothing_open": nothing_open,
        "zone_choices": zone_choices(week.zone),
        "zone_open": bool(choice.zone.error),
        "zone_auto_url": "",
    }


def policy_context(service: Service, start: datetime, zone: str) -> dict[str, Any]:
    """The cancellation policy for a session at `start`, with its deadline on the client's clock."""
    deadline = change_deadline(service, start)
    return {
        "cutoff_hours": service.cancellation_cutoff_hours,
        "change_until": format_when(deadline, ZoneInfo(zone)),
        "change_closed": deadline < timezone.now(),
        "reach": reach_text(),
    }


def session_context(
    service: Service, start: datetime, zone: str, practitioner: Practitioner | None
) -> dict[str, Any]:
    """What a chosen session looks like on the details and review steps."""
    end = start + timedelta(minutes=service.duration_minutes)
    return {
        "service": service,
        "practitioner": practitioner,
        "times": time_facts(start, end, zone, practice_zone()),
        **policy_context(service, start, zone),
    }


def booking_or_404(request: HttpRequest, uid: str, token: str) -> Booking:
    booking = booking_by_manage_token(uid, token[:200])
    if booking is None:
        raise Answer(not_found(request))
    return booking


def booked_zone(booking: Booking) -> str:
    return booking.booked_tz if is_known_zone(booking.booked_tz) else practice_zone()


def booking_context(booking: Booking, token: str) -> dict[str, Any]:
    """A booking as its client sees it, with the token-carrying links of its pages."""
    zone = booked_zone(booking)
    token_query = {"token": token}
    return {
        "booking": booking,
        "service": booking.service,
        "practitioner": booking.practitioner,
        "times": time_facts(booking.start, booking.end, zone, practice_zone()),
        "location": ics.location(PracticeProfile.load()),
        "can_change": can_client_change(booking, timezone.now()),
        "is_upcoming": booking.status == Status.CONFIRMED and booking.start > timezone.now(),
        **policy_context(booking.service, booking.start, zone),
        "token": token,
        "manage_url": url_with("bookings:manage", token_query, uid=booking.uid),
        "ics_url": url_with("bookings:calendar", token_query, uid=booking.uid),
        "cancel_url": url_with("bookings:cancel", token_query, uid=booking.uid),
        "reschedule_url": url_with("bookings:reschedule", token_query, uid=booking.uid),
        "book_again_url": url_with("bookings:book", {"service": booking.service.slug}),
    }
