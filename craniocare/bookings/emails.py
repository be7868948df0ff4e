"""The emails a booking change sends: one to the client (plain text, a simple HTML version and
a calendar file), one to the practitioner. Queued in the outbox inside the transaction of the
change (`hooks.on_booking_changed`); the worker sends them, so the mail server's state never
reaches the booking.
"""

from __future__ import annotations

from email.mime.text import MIMEText
from email.utils import parseaddr
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from craniocare.core.models import PracticeProfile
from craniocare.lib.tz import is_residential_zone
from craniocare.outbox.services import outbox_enqueue

from . import ics
from .links import client_links
from .models import Booking, BookingEvent
from .session_times import change_deadline, format_when, time_facts
from .tokens import manage_token_for

CLIENT_SUBJECTS = {
    "created": "Booked: {service} on {when}",
    "rescheduled": "New time: {service} on {when}",
    "cancelled": "Cancelled: {service} on {when}",
}
PRACTITIONER_SUBJECTS = {
    "created": "New booking: {name}, {when}",
    "rescheduled": "Booking moved: {name}, now {when}",
    "cancelled": "Booking cancelled: {name}, {when}",
}


def absolute(path: str) -> str:
    """An absolute link for emails (SITE_URL is where the public site is reached)."""
    return settings.SITE_URL.rstrip("/") + path


def manage_url(booking: Booking) -> str:
    return absolute(booking.manage_path(manage_token_for(booking)))


def book_again_url(booking: Booking) -> str:
    return absolute(reverse("bookings:book") + "?" + urlencode({"service": booking.service.slug}))


def _zone(name: str, fallback: str = "UTC") -> str:
    return name if is_residential_zone(name) else fallback


def _one_line(text: str) -> str:
    return " ".join(text.split())


def zones(booking: Booking, practice: PracticeProfile) -> tuple[str, str]:
    """(the zone the client booked in, the practice's zone), both loadable."""
    practice_zone = _zone(practice.time_zone)
    return _zone(booking.booked_tz, practice_zone), practice_zone


def email_context(booking: Booking, event: BookingEvent) -> dict[str, object]:
    practice = PracticeProfile.load()
    client_zone, practice_zone = zones(booking, practice)
    deadline = change_deadline(booking.service, booking.start)
    return {
        "practice": practice,
        "booking": booking,
        "event": event,
        "service": booking.service,
        "practitioner": booking.practitioner,
        "client_times": time_facts(booking.start, booking.end, client_zone, practice_zone),
        "practice_times": time_facts(booking.start, booking.end, practice_zone, practice_zone),
        "change_until": format_when(deadline, ZoneInfo(client_zone)),
        "change_closed": deadline < timezone.now(),
        "cutoff_hours": booking.service.cancellation_cutoff_hours,
        "location": ics.location(practice),
        "manage_url": manage_url(booking),
        "book_again_url": book_again_url(booking),
        "first_name": _one_line(booking.client_name).split(" ")[0],
        # Intake form and consent links (craniocare/bookings/links.py; intake registers them).
        "client_links": [(label, absolute(path)) for label, path in client_links(booking)],
    }


def _calendar_part(booking: Booking, event: BookingEvent) -> MIMEText:
    method = ics.method_for(event)
    part = MIMEText(ics.booking_calendar(booking, method).decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=ics.filename(booking))
    return part


def client_email(booking: Booking, event: BookingEvent) -> EmailMultiAlternatives:
    context = email_context(booking, event)
    practice = PracticeProfile.load()
    client_zone, _ = zones(booking, practice)
    when = format_when(booking.start, ZoneInfo(client_zone), year=False)
    subject = CLIENT_SUBJECTS[event].format(service=booking.service.name, when=when)
    message = EmailMultiAlternatives(
        subject=_one_line(subject),
        body=render_to_string("emails/booking_client.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[booking.client_email],
        reply_to=[practice.email] if practice.email else None,
    )
    message.attach_alternative(render_to_string("emails/booking_client.html", context), "text/html")
    message.attach(_calendar_part(booking, event))
    return message


def practitioner_email(booking: Booking, event: BookingEvent) -> EmailMultiAlternatives:
    context = email_context(booking, event)
    practice = PracticeProfile.load()
    _, practice_zone = zones(booking, practice)
    when = format_when(booking.start, ZoneInfo(practice_zone), year=False)
    subject = PRACTITIONER_SUBJECTS[event].format(name=_one_line(booking.client_name), when=when)
    return EmailMultiAlternatives(
        subject=_one_line(subject),
        body=render_to_string("emails/booking_practitioner.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[practice.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]],
        reply_to=[booking.client_email] if booking.client_email else None,
    )


def queue_booking_emails(
    booking: Booking, event: BookingEvent, *, notify_client: bool = True
) -> None:
    """Queue both emails in the outbox (the client's only when `notify_client`), inside the
    transaction of the change: the worker sends them, with retries."""
    # A caller booked by phone without an address is reached by phone, not mailed.
    if notify_client and booking.client_email:
        outbox_enqueue(client_email(booking, event), kind=f"booking_{event}")
    outbox_enqueue(practitioner_email(booking, event), kind=f"booking_{event}_practitioner")
