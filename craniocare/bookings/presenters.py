"""The template context of the booking pages, built from values the views already have (a
parsed choice, a week from `open_times`, a booking): step lists, links that keep the choice,
how a session's time and cancellation policy read. No queries of their own beyond the practice's
profile, no writes."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.scheduling.models import Practitioner

from . import ics
from .choices import Choice, ZoneChoice
from .forms import DetailsForm, carried_details
from .http import url_with
from .models import Booking, Status
from .open_times import Week
from .services import can_client_change
from .session_times import (
    booked_zone,
    change_deadline,
    format_when,
    iso_start,
    practice_zone,
    time_facts,
)

TAKEN_MESSAGE = (
    "Sorry, that time was just taken by someone else. Here are the times still open that "
    "week, checked a moment ago."
)
GONE_MESSAGE = "That time is no longer open. Here are the times still open that week."

STEPS = (
    ("service", "Service"),
    ("time", "Time"),
    ("details", "Your details"),
    ("review", "Review"),
)

# Offered in the zone picker; any other IANA zone can be typed in.
COMMON_ZONES = (
    "America/St_Johns",
    "America/Halifax",
    "America/Toronto",
    "America/New_York",
    "America/Winnipeg",
    "America/Chicago",
    "America/Edmonton",
    "America/Denver",
    "America/Vancouver",
    "America/Los_Angeles",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Athens",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Hong_Kong",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
)


def zone_choices(current: str) -> list[tuple[str, str]]:
    """(value, label) of the zone picker, with the current zone in it."""
    zones = list(COMMON_ZONES)
    if current not in zones:
        zones.insert(0, current)
    return [(key, key.replace("_", " ")) for key in zones]


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


def flow_step(step: str, title: str, context: dict[str, Any]) -> dict[str, Any]:
    """One step of the public flow (templates/bookings/book.html)."""
    return {**context, "step": step, "title": title, "steps": steps_for(step)}


def reach_text() -> str:
    practice = PracticeProfile.load()
    return " or ".join(part for part in [practice.phone, practice.email] if part)


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


def week_context(
    choice: Choice, week: Week, *, nothing_open: bool, messages: list[str], week_problem: str
) -> dict[str, Any]:
    """A week of open times in the chosen zone, with what could not be read said first."""
    shown = [*messages, choice.zone.error, week_problem]
    return {
        "choice": choice,
        "week": week,
        "messages": [message for message in shown if message],
        "nothing_open": nothing_open,
        "zone_choices": zone_choices(week.zone),
        "zone_open": bool(choice.zone.error),
        "zone_auto_url": "",
    }


def services_step(zone: ZoneChoice) -> dict[str, Any]:
    """Step 1: the services, each a link to its week (keeping a zone the visitor named)."""
    services = [
        {
            "service": service,
            "url": url_with(
                "bookings:book", {"service": service.slug, "tz": zone.key if zone.explicit else ""}
            ),
        }
        for service in Service.objects.active()
    ]
    return flow_step("service", "Choose a session", {"services": services})


def time_step(
    choice: Choice,
    week: Week,
    *,
    nothing_open: bool,
    messages: list[str],
    week_raw: object,
    week_problem: str,
    carried: list[tuple[str, str]] | None,
) -> dict[str, Any]:
    """Step 2: the week view. Its times are links to the details step; with `carried` details
    (after a time was taken) they are buttons that go straight to the review instead."""
    context = week_context(
        choice, week, nothing_open=nothing_open, messages=messages, week_problem=week_problem
    )
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
    return flow_step("time", "Choose a time", context)


def details_step(choice: Choice, form: DetailsForm) -> dict[str, Any]:
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
    return flow_step("details", title, context)


def review_step(choice: Choice, form: DetailsForm, *, messages: list[str]) -> dict[str, Any]:
    """Step 4: everything at a glance; the confirm button carries a fresh idempotency key."""
    assert choice.start is not None
    context = {
        "choice": choice,
        "details": form.cleaned_data,
        "first_visit": form.is_first_visit,
        "hidden": [*choice.hidden(), *carried_details(form.data)],
        "idempotency_key": "web-" + secrets.token_urlsafe(24),
        "messages": messages,
        **session_context(choice.service, choice.start, choice.zone.key, choice.practitioner),
    }
    return flow_step("review", "Check and confirm", context)


def done_step(booking: Booking, token: str) -> dict[str, Any]:
    return flow_step("done", "You're booked", booking_context(booking, token))


def reschedule_week(
    booking: Booking,
    token: str,
    choice: Choice,
    week: Week,
    *,
    nothing_open: bool,
    messages: list[str],
    week_problem: str,
) -> dict[str, Any]:
    """The week of open times for the same service and practitioner, as links to the move."""
    context = week_context(
        choice, week, nothing_open=nothing_open, messages=messages, week_problem=week_problem
    )
    base = {"token": token, "tz": choice.zone.key}

    def link(**params: Any) -> str:
        return url_with("bookings:reschedule", {**base, **params}, uid=booking.uid)

    context.update(
        mode="links",
        zone_action=reverse("bookings:reschedule", kwargs={"uid": booking.uid}),
        zone_method="get",
        zone_hidden=[("token", token), ("week", week.monday.isoformat())],
        previous_url=link(week=week.previous_monday) if week.previous_monday else "",
        next_url=link(week=week.next_monday) if week.next_monday else "",
    )
    for day in week.days:
        for time_choice in day.times:
            time_choice.url = link(start=time_choice.value)
    context.update(booking_context(booking, token))
    return context


def reschedule_review(
    booking: Booking, token: str, start: datetime, zone: ZoneChoice
) -> dict[str, Any]:
    """The move to confirm: the booking as it is, and the new time."""
    week_of_start = timezone.localtime(start, zone.zone).date().isoformat()
    return {
        **booking_context(booking, token),
        "new": session_context(booking.service, start, zone.key, booking.practitioner),
        "new_start": iso_start(start),
        "zone_key": zone.key,
        "back_url": url_with(
            "bookings:reschedule",
            {"token": token, "tz": zone.key, "week": week_of_start},
            uid=booking.uid,
        ),
    }
