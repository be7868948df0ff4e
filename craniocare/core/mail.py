"""Mail that must not keep a visitor waiting: `send_after_response(message)`.

The page answers at once and the message goes out from a background thread, so a slow or dead
mail server costs the visitor nothing, and an answer takes as long whether mail went out or not
(a password-reset request must not reveal which addresses have accounts). A failure is logged.

This is the stop-gap until the notifications outbox (DESIGN.md rule 4) sends mail from a worker
with retries; everything that sends this way calls this one function, so moving it there is one
change. Call it once the data the message refers to is committed (the thread does not touch the
database).
"""

from __future__ import annotations

import logging
import threading

from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)


def send_after_response(message: EmailMessage) -> threading.Thread:
    """Send `message` in a background thread; returns the thread (tests may join it)."""
    # The backend reads its settings (host, port, timeout) when it is made: make it here, in
    # the request, rather than in the thread.
    message.connection = message.get_connection()
    thread = threading.Thread(target=_send, args=(message,), name="craniocare-mail", daemon=False)
    thread.start()
    return thread


def _send(message: EmailMessage) -> None:
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the email %r to %s.", message.subject, message.to)
