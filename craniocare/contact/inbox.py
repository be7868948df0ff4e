"""Write paths of the office inbox: answer a contact message by email, change its status, link
it to a client. Views call these; nothing else writes replies or inbox state."""

from __future__ import annotations

import logging
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from craniocare.clients.models import Client
from craniocare.core.models import PracticeProfile

from .models import ContactMessage, ContactReply, Status

logger = logging.getLogger(__name__)

SEND_ERROR_MAX_LENGTH = 2000


class ReplyNotSent(Exception):
    """The mail server did not take the reply. The reply is kept (with the error); the message's
    status is unchanged, so it still shows as waiting for an answer."""

    def __init__(self, reply: ContactReply) -> None:
        super().__init__(reply.send_error)
        self.reply = reply


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
    """Email `body` to the sender of `contact_message`, keep the reply, mark it answered.

    The reply row is written first, so a mail server that is down loses nothing: it raises
    ReplyNotSent with the reply (and its error) stored, and the status stays as it was.
    """
    reply = ContactReply(
        message=contact_message,
        body=body.strip(),
        sent_by=sent_by if getattr(sent_by, "pk", None) else None,
    )
    reply.full_clean()
    reply.save()
    try:
        reply_email(contact_message=contact_message, body=reply.body).send(fail_silently=False)
    except Exception as exc:
        logger.exception("Could not send the reply to contact message %s.", contact_message.pk)
        reply.send_error = f"{type(exc).__name__}: {exc}"[:SEND_ERROR_MAX_LENGTH]
        reply.save(update_fields=["send_error"])
        raise ReplyNotSent(reply) from exc
    with transaction.atomic():
        reply.sent_at = timezone.now()
        reply.save(update_fields=["sent_at"])
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
