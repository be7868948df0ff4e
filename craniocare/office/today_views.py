"""Today: the day's sessions in order, the next free times, new inbox messages and the bookings
made since this user last opened the page."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from craniocare.accounts.permissions import is_practitioner, staff_required
from craniocare.bookings.access import bookings_for
from craniocare.bookings.calendar_grid import FREE_CELL
from craniocare.bookings.free_times import office_open_slots
from craniocare.catalog.models import Service
from craniocare.clients.access import health_info_client_ids
from craniocare.clients.restriction import restricted_closed_ids
from craniocare.contact.models import ContactMessage
from craniocare.outbox.selectors import failed_count
from craniocare.scheduling.access import practitioners_for
from craniocare.scheduling.models import Practitioner
from craniocare.scheduling.selectors import rules_for, shortest_service_of

from .models import OfficeVisit
from .selectors import day_bookings, unsigned_notes

FREE_TIMES_SHOWN = 6
FREE_TIMES_LOOKAHEAD_DAYS = 14


def next_free_times(
    practitioner: Practitioner,
    service: Service | None,
    now: datetime,
    count: int = FREE_TIMES_SHOWN,
) -> list[datetime]:
    """The next times (local wall clock) that hold a session of `service`, buffers included,
    soonest first: the office engine's slots. Without a service, the calendar's free half hours.
    """
    zone = timezone.get_current_timezone()
    first = timezone.localtime(now, zone).date()
    slots = office_open_slots(
        practitioner=practitioner,
        rules=rules_for(service) if service is not None else FREE_CELL,
        first_day=first,
        last_day=first + timedelta(days=FREE_TIMES_LOOKAHEAD_DAYS - 1),
        tz=zone,
        now=now,
    )
    return [timezone.localtime(slot.start, zone) for slot in slots[:count]]


def _since_last_visit(user: Any, now: datetime) -> tuple[int, datetime | None]:
    """Bookings made since the user last opened Today (then the visit is recorded)."""
    visit = OfficeVisit.objects.filter(user=user).first()
    since = visit.last_today_at if visit else None
    count = 0
    if since is not None:
        new = bookings_for(user).filter(created_at__gt=since)
        own = Practitioner.objects.filter(user=user).first()
        if own is not None:
            new = new.filter(practitioner=own)
        count = new.count()
    OfficeVisit.objects.update_or_create(user=user, defaults={"last_today_at": now})
    return count, since


@staff_required
def today(request: HttpRequest) -> HttpResponse:
    zone = timezone.get_current_timezone()  # the practice's (office.middleware)
    now = timezone.now()
    day = timezone.localdate()
    sessions = day_bookings(user=request.user, day=day, zone=zone)
    own = Practitioner.objects.filter(user=request.user).first()  # type: ignore[misc]
    practitioner = own or practitioners_for(request.user).filter(active=True).first()
    free_times = []
    service = shortest_service_of(practitioner) if practitioner is not None else None
    if practitioner is not None:
        for when in next_free_times(practitioner, service, now):
            query = {"practitioner": practitioner.pk, "start": when.strftime("%Y-%m-%dT%H:%M")}
            if service is not None:
                query["service"] = service.pk  # the form opens on the service the time fits
            free_times.append((when, f"{reverse('office:booking_new')}?{urlencode(query)}"))
    new_bookings, since = _since_last_visit(request.user, now)
    # Each session with whether its client's notes are this user's to open (one query).
    notes_for = health_info_client_ids(request.user, (s.booking.client_id for s in sessions))
    drafts = unsigned_notes(user=request.user, now=now)
    # Restricted records not opened in this session: no name, flags or record links (the
    # clients are loaded with the sessions and the drafts: no query per row).
    hidden = restricted_closed_ids(
        request, [s.booking.client for s in sessions] + [note.client for note in drafts]
    )
    context = {
        "day": day,
        "sessions": [(item, item.booking.client_id in notes_for) for item in sessions],
        # For the consent flags: never those of a hidden record.
        "session_bookings": [s.booking for s in sessions if s.booking.client_id not in hidden],
        "hidden": hidden,
        "free_practitioner": practitioner,
        "free_service": service,
        "free_times": free_times,
        "new_messages": ContactMessage.objects.new().count(),
        "new_bookings": new_bookings,
        "since": since,
        # Practitioners run the Outbox; a failed message is theirs to retry or cancel.
        "failed_messages": failed_count() if is_practitioner(request.user) else 0,
        "unsigned_notes": drafts,
        "unsigned_hours": settings.CLINICAL_UNSIGNED_NOTE_HOURS,
    }
    return render(request, "office/today.html", context)
