"""The one write path for contact messages, and the email that tells the practice about them.

The message and its notification email are written in one transaction: the email is an outbox
row (clinical: a visitor may describe their health), sent by the worker with retries. A mail
server that is down or hangs delays the email; it never loses the message and never reaches the
visitor's request. The office's Outbox screen shows the delivery and retries a failed one.
"""

from __future__ import annotations

import ipaddress
import zoneinfo
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone

from craniocare.core.models import PracticeProfile
from craniocare.lib.humanize import format_time, zone_label
from craniocare.lib.tz import is_residential_zone
from craniocare.outbox.services import outbox_enqueue

from .models import ContactMessage, Topic

NOTIFICATION_KIND = "contact_notification"


def contact_message_create(
    *,
    name: str,
    email: str,
    phone: str,
    topic: str,
    message: str,
    consent: bool,
    ip: str | None,
    user_agent: str,
) -> ContactMessage:
    """Store a visitor's message and queue the email that tells the practice, together."""
    if not consent:
        raise ValidationError(
            {"consent_to_contact": "We can only store a message we have permission to answer."}
        )
    contact_message = ContactMessage(
        name=name,
        email=email,
        phone=phone,
        topic=topic,
        message=message,
        consent_to_contact=True,
        ip_address=_valid_ip(ip),
        user_agent=(user_agent or "")[: ContactMessage.USER_AGENT_MAX_LENGTH],
    )
    contact_message.full_clean()
    with transaction.atomic():
        contact_message.save()
        contact_message.notification = outbox_enqueue(
            notification_email(contact_message), kind=NOTIFICATION_KIND, clinical=True
        )
        contact_message.save(update_fields=["notification"])
    return contact_message


def notification_email(contact_message: ContactMessage) -> EmailMessage:
    """The plain-text email to the practitioner; replying to it answers the visitor."""
    practice = PracticeProfile.load()
    recipient = practice.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    # One line, whatever the sender typed: the name goes into a header.
    name = " ".join(contact_message.name.split())
    subject = f"New question from {name} ({contact_message.topic_short})"
    body = render_to_string(
        "emails/contact_notification.txt",
        {
            "practice": practice,
            "contact_message": contact_message,
            "topic_label": Topic(contact_message.topic).label
            if contact_message.topic in Topic.values
            else contact_message.topic,
            "sent_at": _practice_time(contact_message, practice),
            "inbox_url": settings.SITE_URL.rstrip("/")
            + reverse("office:inbox_message", args=[contact_message.pk]),
        },
    )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        reply_to=[contact_message.email],
    )


def _practice_time(contact_message: ContactMessage, practice: PracticeProfile) -> str:
    name = practice.time_zone if is_residential_zone(practice.time_zone) else "UTC"
    zone = zoneinfo.ZoneInfo(name)
    local = timezone.localtime(contact_message.created_at, zone)
    when = f"{dateformat.format(local, 'l j F Y')}, {format_time(local, settings.LANGUAGE_CODE)}"
    return f"{when} ({zone_label(zone.key, local)})"


def _valid_ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        # A scope ("fe80::1%eth0") is local plumbing, not part of the address.
        return str(ipaddress.ip_address(value.split("%", 1)[0]))
    except ValueError:
        return None
