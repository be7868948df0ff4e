"""The waitlist's emails: "you are on the waitlist" (with the link to leave it) and "a time is
free for you" (with the link that books it). Built here, queued in the outbox by the write path
that causes them, inside its transaction."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from craniocare.bookings.emails import absolute
from craniocare.bookings.session_times import format_when
from craniocare.core.models import PracticeProfile
from craniocare.lib.humanize import format_time, zone_label

from .models import Entry, Offer, TimeOfDay
from .tokens import leave_token_for, offer_token_for

__all__ = ["joined_email", "leave_url", "offer_email", "offer_url", "wanted_times"]


def leave_url(entry: Entry) -> str:
    return absolute(reverse("waitlist:leave", args=[leave_token_for(entry.uid)]))


def offer_url(offer: Offer) -> str:
    return absolute(reverse("waitlist:offer", args=[offer_token_for(offer.uid)]))


def wanted_times(entry: Entry) -> str:
    """'mornings or 4:00 p.m. to 7:00 p.m.': the times of day the entry asked for, in words."""
    words = [
        TimeOfDay(part).label.split(" (")[0].lower()
        for part in TimeOfDay.values
        if part in entry.parts_of_day
    ]
    if entry.window_start is not None and entry.window_end is not None:
        language = settings.LANGUAGE_CODE
        words.append(
            f"{format_time(entry.window_start, language)} to "
            f"{format_time(entry.window_end, language)}"
        )
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _first_name(name: str) -> str:
    return " ".join(name.split()).split(" ")[0]


def _message(
    *, subject: str, template: str, context: dict[str, object], to: str
) -> EmailMultiAlternatives:
    practice = PracticeProfile.load()
    context = {**context, "practice": practice}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[practice.email] if practice.email else None,
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    return message


def joined_email(entry: Entry) -> EmailMultiAlternatives:
    context = {
        "entry": entry,
        "first_name": _first_name(entry.name),
        "service": entry.service,
        "practitioner": entry.practitioner,
        "first_day": entry.first_day,
        "last_day": entry.last_day,
        "times": wanted_times(entry),
        "leave_url": leave_url(entry),
    }
    return _message(
        subject=f"You are on the waitlist: {entry.service.name}",
        template="waitlist_joined",
        context=context,
        to=entry.email,
    )


def offer_email(offer: Offer) -> EmailMultiAlternatives:
    entry = offer.entry
    zone = ZoneInfo(entry.tz)
    when = format_when(offer.start, zone)
    context = {
        "entry": entry,
        "offer": offer,
        "first_name": _first_name(entry.name),
        "service": entry.service,
        "practitioner": offer.practitioner,
        "when": when,
        "zone": zone_label(zone, offer.start),
        "held_until": format_time(offer.expires_at.astimezone(zone), settings.LANGUAGE_CODE),
        "offer_url": offer_url(offer),
        "leave_url": leave_url(entry),
    }
    short_when = format_when(offer.start, zone, year=False)
    return _message(
        subject=f"A time is free for you: {entry.service.name} on {short_when}",
        template="waitlist_offer",
        context=context,
        to=entry.email,
    )
