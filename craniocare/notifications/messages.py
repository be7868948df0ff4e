"""What a reminder says: an email (plain text and HTML, the practice's identity) and a short
text message. Built from the booking at the moment the reminder is due, so the times, the
cancellation deadline and the links are those of the session as it stands then."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from craniocare.bookings.emails import email_context, zones
from craniocare.bookings.models import Booking
from craniocare.bookings.session_times import format_when
from craniocare.core.models import PracticeProfile

from .hooks import reminder_extras

SMS_MAX_LENGTH = 320


def _one_line(text: str) -> str:
    return " ".join(text.split())


def reminder_context(booking: Booking) -> dict[str, object]:
    context = email_context(booking, "created")
    context["extras"] = reminder_extras(booking)
    return context


def reminder_email(booking: Booking) -> EmailMultiAlternatives:
    practice = PracticeProfile.load()
    client_zone, _ = zones(booking, practice)
    context = reminder_context(booking)
    when = format_when(booking.start, ZoneInfo(client_zone), year=False)
    message = EmailMultiAlternatives(
        subject=_one_line(f"Reminder: {booking.service.name} on {when}"),
        body=render_to_string("emails/booking_reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[booking.client_email],
        reply_to=[practice.email] if practice.email else None,
    )
    message.attach_alternative(
        render_to_string("emails/booking_reminder.html", context), "text/html"
    )
    return message


def reminder_text(booking: Booking) -> str:
    """One short text: who, what, when (on the client's clock), and the manage link."""
    context = reminder_context(booking)
    practice = PracticeProfile.load()
    client_zone, _ = zones(booking, practice)
    when = format_when(booking.start, ZoneInfo(client_zone), year=False)
    text = _one_line(
        f"{practice.name}: a reminder of your {booking.service.name} on {when} "
        f"({context['client_times']['zone']}). "  # type: ignore[index]
        f"To change or cancel: {context['manage_url']}"
    )
    return text[:SMS_MAX_LENGTH]
