"""The back office's Availability screen (practitioner only), mounted under /office/ by
craniocare/scheduling/office_urls.py: weekly hours, date overrides, time off, public holidays
(closed unless she opens one), and a preview.

A change that would leave confirmed bookings outside working time is not saved at once: the
page lists those bookings and the practitioner decides to keep them anyway or to cancel the
ones she ticks. Writes go through craniocare.scheduling.services; the bookings themselves are
reached through craniocare.scheduling.hooks (scheduling may not import bookings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import practitioner_required
from craniocare.core.models import PracticeProfile
from craniocare.lib.holidays import NO_HOLIDAYS, region_label

from .access import get_own_practitioner
from .forms import (
    DateOverrideForm,
    DeleteForm,
    HolidayForm,
    TimeOffForm,
    WeeklyHoursForm,
)
from .hooks import BookedSession, Proposal, booked_time
from .models import DateOverride, Practitioner, TimeOff, Weekday
from .preview import availability_preview, upcoming_holidays
from .services import (
    date_override_delete,
    date_override_set,
    holiday_opening_set,
    time_off_create,
    time_off_delete,
    working_hours_replace,
)

PREVIEW_DAYS = 14
HOLIDAY_DAYS = 365  # the holidays list covers the next twelve months


NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _weekly_initial(practitioner: Practitioner) -> dict[str, list[tuple[dt.time, dt.time]]]:
    days: dict[int, list[tuple[dt.time, dt.time]]] = {d.value: [] for d in Weekday}
    for hours in practitioner.working_hours.all():
        days[hours.weekday].append((hours.start, hours.end))
    return {f"day_{day}": sorted(spans) for day, spans in days.items()}


def day_name(day: dt.date) -> str:
    """'Thursday 31 December', with the year when it is not this year's."""
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == timezone.localdate().year else f"{text} {day.year}"


def _bookings(count: int) -> str:
    number = NUMBERS[count] if count < len(NUMBERS) else str(count)
    return f"{number} booking{'s' if count != 1 else ''}"


def outcome(saved: str, *, cancelled: int, kept: int) -> str:
    """'Your weekly hours are saved. One booking stays as it was.' and the like."""
    parts = [saved]
    if cancelled:
        verb = "is" if cancelled == 1 else "are"
        parts.append(f"{_bookings(cancelled).capitalize()} {verb} cancelled.")
    if kept:
        stays = "stays as it was" if kept == 1 else "stay as they were"
        parts.append(f"{_bookings(kept).capitalize()} {stays}, outside your hours.")
    return " ".join(parts)


def _page(
    request: HttpRequest, practitioner: Practitioner, status: int = 200, **forms_: Any
) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate()
    service, preview = availability_preview(
        practitioner=practitioner, first_day=today, days=PREVIEW_DAYS, now=now
    )
    context: dict[str, Any] = {
        "practitioner": practitioner,
        "weekly_form": WeeklyHoursForm(initial=_weekly_initial(practitioner)),
        "override_form": DateOverrideForm(),
        "time_off_form": TimeOffForm(),
        "overrides": practitioner.date_overrides.filter(date__gte=today),
        "time_off": practitioner.time_off.filter(end__gt=now),
        "preview": preview,
        "preview_service": service,
        "holidays": upcoming_holidays(
            practitioner=practitioner, first_day=today, days=HOLIDAY_DAYS
        ),
        "holiday_region": _region_text(),
        "decide": None,
    }
    context.update(forms_)
    return render(request, "scheduling/office/availability.html", context, status=status)


def _region_text() -> str:
    region = PracticeProfile.load().holiday_region
    return "" if region == NO_HOLIDAYS else region_label(region)


def _apply(
    request: HttpRequest,
    practitioner: Practitioner,
    *,
    proposal: Proposal,
    what: str,
    saved: str,
    save: Callable[[list[BookedSession]], object],
    **bound: Any,
) -> HttpResponse:
    """Save now if no booking is stranded, or once the practitioner has decided about them.
    `what` names the change in the question ("your hours for Thursday 31 December"), `saved`
    is the sentence that confirms it."""
    stranded = booked_time().stranded(
        practitioner=practitioner, proposal=proposal, now=timezone.now()
    )
    decision = request.POST.get("decision")
    if stranded and decision not in ("keep", "cancel"):
        fields = [
            (key, value)
            for key, values in request.POST.lists()
            if key not in ("csrfmiddlewaretoken", "decision", "cancel")
            for value in values
        ]
        decide = {"action": request.path, "what": what, "stranded": stranded, "fields": fields}
        return _page(request, practitioner, decide=decide, **bound)
    chosen: list[BookedSession] = []
    if decision == "cancel":
        ticked = {int(v) for v in request.POST.getlist("cancel") if v.isdigit()}
        chosen = [b for b in stranded if b.pk in ticked]
    save(chosen)
    kept = len(stranded) - len(chosen)
    messages.success(request, outcome(saved, cancelled=len(chosen), kept=kept))
    return redirect("office:availability")


@practitioner_required
def availability(request: HttpRequest) -> HttpResponse:
    return _page(request, get_own_practitioner(request.user))


@practitioner_required
@require_POST
def availability_weekly(request: HttpRequest) -> HttpResponse:
    practitioner = get_own_practitioner(request.user)
    form = WeeklyHoursForm(request.POST)
    if not form.is_valid():
        return _page(request, practitioner, status=400, weekly_form=form)
    weekly = form.weekly()
    return _apply(
        request,
        practitioner,
        proposal=Proposal(weekly=dict(weekly)),
        what="your weekly hours",
        saved="Your weekly hours are saved.",
        weekly_form=form,
        save=lambda cancel: working_hours_replace(
            practitioner=practitioner, weekly=weekly, cancel=cancel
        ),
    )


@practitioner_required
@require_POST
def availability_override(request: HttpRequest) -> HttpResponse:
    practitioner = get_own_practitioner(request.user)
    form = DateOverrideForm(request.POST)
    if not form.is_valid():
        return _page(request, practitioner, status=400, override_form=form)
    data = form.cleaned_data
    intervals = [] if data["closed"] else data["hours"]
    day = data["date"]
    return _apply(
        request,
        practitioner,
        proposal=Proposal(override_day=day, override_intervals=intervals),
        what=f"your hours for {day_name(day)}",
        saved=(
            f"{day_name(day)} is closed."
            if data["closed"]
            else f"Your hours for {day_name(day)} are saved."
        ),
        override_form=form,
        save=lambda cancel: date_override_set(
            practitioner=practitioner,
            day=day,
            closed=data["closed"],
            intervals=intervals,
            note=data["note"],
            cancel=cancel,
        ),
    )


def _own_row(request: HttpRequest, rows: Any) -> Any:
    """The row of `rows` (the practitioner's own) named by the posted id: None when no id was
    posted, 404 when it is not one of hers."""
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what to remove from the list.")
        return None
    row = rows.filter(pk=form.cleaned_data["id"]).first()
    if row is None:
        raise Http404
    return row


@practitioner_required
@require_POST
def availability_override_delete(request: HttpRequest) -> HttpResponse:
    practitioner = get_own_practitioner(request.user)
    override: DateOverride | None = _own_row(request, practitioner.date_overrides.all())
    if override is None:
        return redirect("office:availability")
    return _apply(
        request,
        practitioner,
        proposal=Proposal(override_day=override.date, override_intervals=None),
        what=f"your usual hours back on {day_name(override.date)}",
        saved=f"{day_name(override.date)} follows your weekly hours again.",
        save=lambda cancel: date_override_delete(override=override, cancel=cancel),
    )


@practitioner_required
@require_POST
def availability_time_off(request: HttpRequest) -> HttpResponse:
    practitioner = get_own_practitioner(request.user)
    form = TimeOffForm(request.POST)
    if not form.is_valid():
        return _page(request, practitioner, status=400, time_off_form=form)
    data = form.cleaned_data
    try:
        TimeOff(practitioner=practitioner, start=data["start"], end=data["end"]).clean()
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, practitioner, status=400, time_off_form=form)
    return _apply(
        request,
        practitioner,
        proposal=Proposal(time_off=[(data["start"], data["end"])]),
        what="your time off",
        saved="Your time off is saved.",
        time_off_form=form,
        save=lambda cancel: time_off_create(
            practitioner=practitioner,
            start=data["start"],
            end=data["end"],
            reason=data["reason"],
            cancel=cancel,
        ),
    )


@practitioner_required
@require_POST
def availability_time_off_delete(request: HttpRequest) -> HttpResponse:
    practitioner = get_own_practitioner(request.user)
    time_off = _own_row(request, practitioner.time_off.all())
    if time_off is not None:
        time_off_delete(time_off=time_off)
        messages.success(request, "Time off removed.")
    return redirect("office:availability")


@practitioner_required
@require_POST
def availability_holiday(request: HttpRequest) -> HttpResponse:
    """Open one public holiday (it follows the weekly hours), or close it again; closing goes
    through the same stranded-bookings decision as any other change."""
    practitioner = get_own_practitioner(request.user)
    form = HolidayForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a holiday from the list.")
        return redirect("office:availability")
    day, open_ = form.cleaned_data["date"], form.cleaned_data["open"]

    def save(cancel: list[BookedSession]) -> None:
        holiday_opening_set(practitioner=practitioner, day=day, open_=open_, cancel=cancel)

    try:
        if open_:
            save([])
            messages.success(request, f"{day_name(day)} is open: your weekly hours apply.")
            return redirect("office:availability")
        return _apply(
            request,
            practitioner,
            proposal=Proposal(holiday_closed=day),
            what=f"the holiday on {day_name(day)}",
            saved=f"{day_name(day)} is closed again, as a public holiday.",
            save=save,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("office:availability")
