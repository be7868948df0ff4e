"""What a reminder still asks of the client. Apps above (intake, consent, questionnaires) register
a provider from their AppConfig.ready(): `provider(booking)` returns (label, url) pairs for what
the client still owes before the session, and each reminder lists them."""

from __future__ import annotations

from collections.abc import Callable

from craniocare.bookings.models import Booking

ReminderExtras = Callable[[Booking], list[tuple[str, str]]]

_providers: list[ReminderExtras] = []


def register_reminder_extras(provider: ReminderExtras) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unregister_reminder_extras(provider: ReminderExtras) -> None:
    """For tests that register a provider of their own."""
    if provider in _providers:
        _providers.remove(provider)


def reminder_extras(booking: Booking) -> list[tuple[str, str]]:
    """Every (label, url) the registered providers give for `booking`, in registration order."""
    extras: list[tuple[str, str]] = []
    for provider in _providers:
        extras.extend((str(label), str(url)) for label, url in provider(booking))
    return extras
