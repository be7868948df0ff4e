"""The signed-in client's page (until the portal arrives): their upcoming bookings, each with
its manage link, how many sessions they have had, and a way to sign out. Routed by
mine_urls.py at /my-bookings/ (its name stays ``clients:my_bookings``).

Bookings reach the user only through ``Client.user``: a sign-in sees the bookings of the one
client record linked to it, never another's. The page is private (core.middleware: no-store).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from craniocare.clients.models import Client

from ..models import Status
from ..session_times import booked_zone, practice_zone, time_facts
from ..tokens import manage_token_for


@dataclass(frozen=True)
class UpcomingBooking:
    service: str
    practitioner: str
    when: str  # on the clock of the zone it was booked in
    zone: str
    manage_url: str


def _upcoming(client: Client, now: Any) -> list[UpcomingBooking]:
    bookings = (
        client.bookings.filter(status=Status.CONFIRMED, start__gte=now)
        .select_related("service", "practitioner")
        .order_by("start")
    )
    rows = []
    for booking in bookings:
        times = time_facts(booking.start, booking.end, booked_zone(booking), practice_zone())
        rows.append(
            UpcomingBooking(
                service=booking.service.name,
                practitioner=booking.practitioner.display_name,
                when=str(times["when"]),
                zone=str(times["zone"]),
                manage_url=booking.manage_path(manage_token_for(booking)),
            )
        )
    return rows


def _past_count(client: Client, now: Any) -> int:
    """Sessions that have taken place (or were due and are not yet marked): not cancelled or
    missed ones."""
    held = (Status.COMPLETED, Status.CONFIRMED)
    return client.bookings.filter(status__in=held, start__lt=now).count()


@require_GET
@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    client = Client.objects.filter(user=request.user).first()  # type: ignore[misc]
    now = timezone.now()
    context = {
        "client": client,
        "upcoming": _upcoming(client, now) if client else [],
        "past_count": _past_count(client, now) if client else 0,
    }
    return render(request, "bookings/my_bookings.html", context)
