"""Text messages through a small backend interface. The console backend ships (it writes each
text to the log and keeps the last ones in memory); a provider's backend is a class with the same
`send(to=..., text=...)`, named by the `SMS_BACKEND` setting. Texts are off unless the practice
turns them on (SMS_ENABLED) and the client has a phone number and agreed to texts."""

from __future__ import annotations

import logging
from collections import deque
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("craniocare.sms")


class SmsBackend(Protocol):
    def send(self, *, to: str, text: str) -> None:
        """Hand one text to the provider; raise on failure (the outbox retries)."""


class ConsoleSmsBackend:
    """Writes each text to the log (stdout under `make run`) instead of sending it."""

    sent: deque[tuple[str, str]] = deque(maxlen=200)

    def send(self, *, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to, text)
        self.sent.append((to, text))


@cache
def _backend(path: str) -> SmsBackend:
    backend: SmsBackend = import_string(path)()
    return backend


def get_sms_backend() -> SmsBackend:
    return _backend(settings.SMS_BACKEND)


def sms_enabled() -> bool:
    return bool(settings.SMS_ENABLED)
