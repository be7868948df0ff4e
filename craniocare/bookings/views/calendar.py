"""The office calendar: day and week views of one practitioner's bookings, working hours, time
off and free half hours (calendar_page.py reads and places them). Times are the practice's wall
clock (office.middleware activates its zone). Routed by office_urls.py under /office/calendar/.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from craniocare.accounts.permissions import staff_required
from craniocare.clients.restriction import restricted_closed_ids

from ..calendar_grid import week_of
from ..calendar_page import calendar_page
from .office_params import parse_day, pick_practitioner


@staff_required
def calendar(request: HttpRequest) -> HttpResponse:
    view = "week" if request.GET.get("view") == "week" else "day"
    day, problem = parse_day(request.GET.get("date"))
    if problem:
        messages.error(request, problem)
    show_cancelled = request.GET.get("cancelled") == "1"
    practitioner, everyone = pick_practitioner(request)
    days = week_of(day) if view == "week" else [day]
    step = timedelta(days=7 if view == "week" else 1)
    context: dict[str, Any] = {
        "view": view,
        "day": day,
        "days": days,
        "practitioner": practitioner,
        "practitioners": everyone,
        "show_cancelled": show_cancelled,
        "today": timezone.localdate(),
    }

    def link(**changes: Any) -> str:
        query = {
            "view": view,
            "date": day.isoformat(),
            "practitioner": practitioner.pk if practitioner else "",
        }
        if show_cancelled:
            query["cancelled"] = "1"
        query.update(changes)
        return reverse("office:calendar") + "?" + urlencode({k: v for k, v in query.items() if v})

    context["links"] = {
        "previous": link(date=(day - step).isoformat()),
        "next": link(date=(day + step).isoformat()),
        "today": link(date=timezone.localdate().isoformat()),
        "day": link(view="day"),
        "week": link(view="week"),
        "toggle_cancelled": link(cancelled="" if show_cancelled else "1"),
    }
    if practitioner is not None:
        context["page"] = calendar_page(
            practitioner=practitioner, days=days, user=request.user, show_cancelled=show_cancelled
        )
        # Restricted records not opened in this session: their sessions show no name or flags.
        context["hidden"] = restricted_closed_ids(
            request, (b.client for b in context["page"].bookings)
        )
        context["day_links"] = {d: link(view="day", date=d.isoformat()) for d in days}
    return render(request, "bookings/office/calendar.html", context)
