"""What a reminder still asks of the client: `provider(booking)` returns (label, url) pairs for
what the client still owes before the session, and each reminder lists them. This app registers
`owed_client_links` (intake and consent links, through bookings' link registry); tests and later
apps may register more."""

from __future__ import annotations

from collections.abc import Callable

from craniocare.bookings.emails import absolute
from craniocare.bookings.links import client_links
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


def owed_client_links(booking: Booking) -> list[tuple[str, str]]:
    """What the client still owes before the session (intake, consents), as absolute links:
    the same list as the booking's emails, worked out again when the reminder goes out."""
    return [(label, absolute(path)) for label, path in client_links(booking)]
