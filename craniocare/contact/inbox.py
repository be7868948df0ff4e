"""Write paths of the office inbox: answer a contact message by email, change its status, link
it to a client. Views call these; nothing else writes replies or inbox state."""

from __future__ import annotations

from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from craniocare.clients.models import Client
from craniocare.core.models import PracticeProfile
from craniocare.outbox.services import outbox_enqueue

from .models import ContactMessage, ContactReply, Status

REPLY_KIND = "contact_reply"


def reply_email(*, contact_message: ContactMessage, body: str) -> EmailMessage:
    practice = PracticeProfile.load()
    practice_address = practice.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return EmailMessage(
        subject=f"Re: your message to {practice.name}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[contact_message.email],
        reply_to=[practice_address],
    )


def contact_message_reply(
    *, contact_message: ContactMessage, body: str, sent_by: Any
) -> ContactReply:
    """Keep the reply, queue its email to the sender and mark the message answered, in one
    transaction. The reply counts as sent once queued: the worker delivers it with retries, and
    the email's outbox row (clinical: it answers someone who may have described their health)
    shows whether the mail server has taken it."""
    reply = ContactReply(
        message=contact_message,
        body=body.strip(),
        sent_by=sent_by if getattr(sent_by, "pk", None) else None,
        sent_at=timezone.now(),
    )
    reply.full_clean()
    with transaction.atomic():
        reply.outbox_message = outbox_enqueue(
            reply_email(contact_message=contact_message, body=reply.body),
            kind=REPLY_KIND,
            clinical=True,
        )
        reply.save()
        ContactMessage.objects.filter(pk=contact_message.pk).update(status=Status.ANSWERED)
    contact_message.status = Status.ANSWERED
    return reply


def contact_message_set_status(*, contact_message: ContactMessage, status: str) -> ContactMessage:
    if status not in Status.values:
        raise ValidationError({"status": "Choose new, answered or closed."})
    contact_message.status = status
    contact_message.save(update_fields=["status"])
    return contact_message


def contact_message_link_client(
    *, contact_message: ContactMessage, client: Client | None
) -> ContactMessage:
    """Link the message to `client` (None unlinks)."""
    contact_message.client = client
    contact_message.save(update_fields=["client"])
    return contact_message
