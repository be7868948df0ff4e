"""What the office's calendar and booking pages are asked for: the day, a start time, the
practitioner. Each reader answers a usable value and, when the input could not be used, a
message saying so (never an error page)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone

from craniocare.lib.parsing import InvalidInput, clean_line, parse_date, parse_instant
from craniocare.scheduling.access import practitioners_for
from craniocare.scheduling.models import Practitioner


def parse_day(value: str | None) -> tuple[date, str]:
    """The day asked for (today when none), and a message when it could not be used."""
    if not value:
        return timezone.localdate(), ""
    try:
        return parse_date(value), ""
    except InvalidInput as invalid:
        return timezone.localdate(), f"{invalid.message} Showing today instead."


def parse_start(value: str | None) -> tuple[datetime | None, str]:
    """A local wall time from a form (2027-03-03T09:30) or an ISO instant, as an aware datetime;
    (None, message) when it cannot be read or the clock skips it that day."""
    if not value:
        return None, ""
    try:
        return parse_instant(value, local_zone=timezone.get_current_timezone()), ""
    except InvalidInput as invalid:
        return None, invalid.message


def as_typed(value: str | None) -> str:
    """A refused date and time as typed, to show it again (when it is printable text)."""
    try:
        return clean_line(value or "", max_length=40)
    except InvalidInput:
        return ""


def pick_practitioner(request: HttpRequest) -> tuple[Practitioner | None, list[Practitioner]]:
    """The practitioner asked for (`?practitioner=<id>`), else the user's own, else the first;
    and every active practitioner the user may see."""
    everyone = list(practitioners_for(request.user).filter(active=True))
    wanted = request.GET.get("practitioner") or request.POST.get("practitioner")
    for person in everyone:
        if wanted and str(person.pk) == wanted:
            return person, everyone
    own = next((p for p in everyone if p.user_id == request.user.pk), None)
    return own or (everyone[0] if everyone else None), everyone
