"""The office's booking pages: booking a client in (by phone) at a chosen time, with its live
client search, and one booking's page with its actions (reschedule, completed / no-show, cancel).

Writes go through craniocare/bookings/services.py only. Times are the practice's wall clock
(office.middleware activates its zone). Routed by office_urls.py under /office/bookings/.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import staff_required
from craniocare.catalog.models import Service
from craniocare.clients.access import clients_for, get_client_for, may_see_health_info
from craniocare.clients.restriction import restricted_closed
from craniocare.lib.parsing import InvalidInput, clean_line, clean_text
from craniocare.scheduling.models import Practitioner
from craniocare.scheduling.selectors import rules_for

from ..access import get_booking_for
from ..errors import BookingError, BookingNotChangeable, SlotUnavailable
from ..free_times import office_open_slots
from ..models import Booking, Source, Status
from ..outside_hours import outside_hours_note
from ..requests import ClientDetails
from ..services import booking_cancel, booking_create, booking_reschedule, booking_set_outcome
from .office_params import as_typed, parse_start, pick_practitioner

# --- booking a client in ---------------------------------------------------------------------


@staff_required
def client_search(request: HttpRequest) -> HttpResponse:
    """htmx: clients matching the typed name, email or phone (at most eight)."""
    try:
        query = clean_line(request.GET.get("q", ""), max_length=200)
    except InvalidInput:
        query = ""  # a NUL or a line break matches no client; the results say none matched
    found = []
    if len(query) >= 2:
        found = list(
            clients_for(request.user)
            .filter(restricted_at__isnull=True)  # restricted records stay out of searches
            .filter(
                Q(name__icontains=query) | Q(email__icontains=query) | Q(phone__icontains=query)
            )
            .order_by("name")[:8]
        )
    return render(
        request, "bookings/office/booking_client_results.html", {"found": found, "query": query}
    )


def _services_of(practitioner: Practitioner | None) -> list[Service]:
    if practitioner is None:
        return []
    return list(Service.objects.filter(practitioners=practitioner, active=True).order_by("name"))


@staff_required
def booking_new(request: HttpRequest) -> HttpResponse:
    """Book a client in (by phone) at a chosen time. May override notice and booking window,
    never an overlap: booking_create re-checks inside its transaction."""
    practitioner, everyone = pick_practitioner(request)
    services = _services_of(practitioner)
    data = request.POST if request.method == "POST" else request.GET
    start, start_problem = parse_start(data.get("start"))
    errors: dict[str, str] = {"start": start_problem} if start_problem else {}
    if request.method == "POST":
        service = next((s for s in services if str(s.pk) == data.get("service")), None)
        details: ClientDetails | None = None
        if data.get("client"):
            try:
                existing = get_client_for(request.user, int(data["client"]))
            except (ValueError, Http404):  # not a number, or not a client this user may see
                errors["client"] = "Choose the client again."
            else:
                details = ClientDetails(
                    name=existing.name, email=existing.email, phone=existing.phone
                )
        elif data.get("name", "").strip() and (
            data.get("email", "").strip() or data.get("phone", "").strip()
        ):
            # booking_create checks these (lib/parsing.py rules) and says what is wrong.
            details = ClientDetails(
                name=data["name"].strip(),
                email=data.get("email", "").strip(),
                phone=data.get("phone", "").strip(),
            )
        elif data.get("name", "").strip():
            errors["client"] = (
                "Give an email address or a phone number for the new client, so we can reach them."
            )
        else:
            errors["client"] = (
                "Choose a client, or give a new client's name and an email address or phone number."
            )
        if service is None:
            errors["service"] = "Choose a service."
        if start is None and not start_problem:
            errors["start"] = "Give the date and time."
        outside = ""
        if not errors and practitioner and service and start:
            # Allowed in the office, but only once someone has seen it said plainly.
            end = start + timedelta(minutes=service.duration_minutes)
            outside = outside_hours_note(practitioner, start, end)
            if outside and data.get("outside_ok") == start.isoformat():
                outside = ""
        if not errors and not outside and practitioner and service and start and details:
            try:
                result = booking_create(
                    service=service,
                    start=start,
                    client=details,
                    source=Source.OFFICE,
                    booked_tz=str(timezone.get_current_timezone()),
                    practitioner=practitioner,
                    allow_outside_rules=True,
                )
            except SlotUnavailable:
                errors["start"] = (
                    "That time is already taken (or overlaps another session or its buffer). "
                    "Nothing was booked; choose another time."
                )
            except ValidationError as error:
                errors["client"] = " ".join(error.messages)
            else:
                booking = result.booking
                when = timezone.localtime(booking.start)
                messages.success(
                    request, f"Booked {booking.client_name} on {when:%A %-d %B at %H:%M}."
                )
                return redirect("office:booking", booking_id=booking.pk)
    context = {
        "practitioner": practitioner,
        "practitioners": everyone,
        "services": services,
        "start": start,
        "start_value": timezone.localtime(start).strftime("%Y-%m-%dT%H:%M")
        if start
        else as_typed(data.get("start")),
        "errors": errors,
        "data": data,
        "outside": outside if request.method == "POST" else "",
    }
    return render(
        request, "bookings/office/booking_new.html", context, status=400 if errors else 200
    )


# --- one booking -----------------------------------------------------------------------------


def _free_times_for(booking: Booking, days: int = 7, shown: int = 12) -> list[datetime]:
    """Times `booking` could move to over the coming days: the office engine's slots for its
    service, its own time counting as free (but not offered: it is where the booking is)."""
    zone = timezone.get_current_timezone()
    first = max(timezone.localdate(), timezone.localtime(booking.start).date())
    slots = office_open_slots(
        practitioner=booking.practitioner,
        rules=rules_for(booking.service),  # what booking_reschedule checks the new time with
        first_day=first,
        last_day=first + timedelta(days=days - 1),
        tz=zone,
        now=timezone.now(),
        exclude_booking_id=booking.pk,
    )
    starts = [timezone.localtime(s.start, zone) for s in slots if s.start != booking.start]
    return starts[:shown]


@staff_required
def booking_detail(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = get_booking_for(request.user, booking_id)
    now = timezone.now()
    query = urlencode(
        {
            "date": timezone.localtime(booking.start).date().isoformat(),
            "practitioner": str(booking.practitioner_id),
        }
    )
    # A restricted record not opened in this session: the booking keeps its time, but its page
    # shows no name, contact details, note or flags.
    restricted = restricted_closed(request, booking.client)
    context = {
        "booking": booking,
        "restricted": restricted,
        # The client's note often describes symptoms: their own practitioner's eyes only.
        "show_health_info": not restricted and may_see_health_info(request.user, booking.client_id),
        "can_change": booking.status == Status.CONFIRMED,
        "can_set_outcome": booking.status != Status.CANCELLED and booking.start <= now,
        "free_times": _free_times_for(booking) if booking.status == Status.CONFIRMED else [],
        "calendar_url": f"{reverse('office:calendar')}?{query}",
        "asked_first_visit": booking.source != Source.OFFICE,
        "their_start": _in_their_zone(booking),
    }
    return render(request, "bookings/office/booking_detail.html", context)


def _in_their_zone(booking: Booking) -> str:
    """The session's start on the clock of the zone the client booked in ("Thu 4 Mar 16:00"),
    when it reads differently from the practice's ("" when the same, or the zone is unknown).
    Formatted here: the template's date filters would turn it back into the practice's zone."""
    try:
        theirs = booking.start.astimezone(ZoneInfo(booking.booked_tz))
    except (ValueError, ZoneInfoNotFoundError):
        return ""
    ours = timezone.localtime(booking.start)
    if theirs.replace(tzinfo=None) == ours.replace(tzinfo=None):
        return ""
    return f"{theirs:%a %-d %b} {theirs.hour}:{theirs:%M}"


@staff_required
@require_POST
def booking_move(request: HttpRequest, booking_id: int) -> HttpResponse:
    """Move a booking. The first POST (a free time clicked, or a typed time) shows what will
    happen and asks; only the confirming POST (`confirm`) moves it and emails the client."""
    booking = get_booking_for(request.user, booking_id)
    new_start, problem = parse_start(request.POST.get("start"))
    if new_start is None:
        messages.error(request, problem or "Choose the new time.")
        return redirect("office:booking", booking_id=booking.pk)
    if booking.status != Status.CONFIRMED:
        messages.error(request, "Only a confirmed booking can be moved.")
        return redirect("office:booking", booking_id=booking.pk)
    if request.POST.get("confirm") != "yes":
        new_end = new_start + (booking.end - booking.start)
        context = {
            "booking": booking,
            "restricted": restricted_closed(request, booking.client),
            "new_start": timezone.localtime(new_start),
            "new_end": timezone.localtime(new_end),
            "start_value": timezone.localtime(new_start).strftime("%Y-%m-%dT%H:%M"),
            "outside": outside_hours_note(booking.practitioner, new_start, new_end),
        }
        return render(request, "bookings/office/booking_move_confirm.html", context)
    notify = request.POST.get("notify_client") == "on"
    try:
        booking_reschedule(
            booking=booking,
            new_start=new_start,
            by_client=False,
            allow_outside_rules=True,
            notify_client=notify,
        )
    except SlotUnavailable:
        messages.error(
            request, "That time is taken (or overlaps a buffer). The booking did not move."
        )
    except BookingNotChangeable:
        messages.error(request, "Only a confirmed booking can be moved.")
    else:
        when = timezone.localtime(new_start)
        told = " The client has been emailed the new time." if notify else ""
        messages.success(request, f"Moved to {when:%A %-d %B at %H:%M}.{told}")
    return redirect("office:booking", booking_id=booking.pk)


@staff_required
@require_POST
def booking_outcome(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = get_booking_for(request.user, booking_id)
    status = request.POST.get("status", "")
    if status not in (Status.COMPLETED, Status.NO_SHOW):
        messages.error(request, "Choose completed or no-show.")
    else:
        try:
            booking_set_outcome(booking=booking, status=status)
        except BookingNotChangeable:
            messages.error(
                request, "Only a session that has started, and is not cancelled, gets an outcome."
            )
        else:
            messages.success(request, f"Marked {Status(status).label.lower()}.")
    return redirect("office:booking", booking_id=booking.pk)


@staff_required
@require_POST
def booking_cancel_view(request: HttpRequest, booking_id: int) -> HttpResponse:
    """Cancel with a reason; the client's cancellation email goes out unless staff unticked it."""
    booking = get_booking_for(request.user, booking_id)
    try:
        reason = clean_text(request.POST.get("reason", ""), max_length=1000)
    except InvalidInput as invalid:
        messages.error(request, f"The reason was not saved: {invalid.message}")
        return redirect("office:booking", booking_id=booking.pk)
    if not reason:
        messages.error(request, "Give a reason for the cancellation.")
        return redirect("office:booking", booking_id=booking.pk)
    try:
        booking_cancel(
            booking=booking,
            reason=reason,
            by_client=False,
            notify_client=request.POST.get("notify_client") == "on",
        )
    except BookingError:
        messages.error(request, "A completed or no-show session cannot be cancelled.")
    else:
        messages.success(request, "Cancelled. The time is free again.")
    return redirect("office:booking", booking_id=booking.pk)
