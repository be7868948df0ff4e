"""Links a higher app adds to a booking's emails, without bookings importing it.

Intake (above bookings) registers a provider from its ``AppConfig.ready()`` that gives the
client's intake form link and the consent links a booking's service needs;
``email_context`` puts them in every booking email's context as ``client_links`` (a list of
(label, absolute URL)). With no provider registered, there are none."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .models import Booking


class ClientLinks(Protocol):
    def links_for(self, booking: Booking) -> list[tuple[str, str]]:
        """(label, path) pairs for the client of `booking`."""
        ...


_providers: list[ClientLinks] = []


def register_client_links(provider: ClientLinks) -> None:
    """Called once from an app's ``ready()``; a second call replaces the first."""
    _providers[:] = [provider]


def client_links(booking: Booking) -> list[tuple[str, str]]:
    return [pair for provider in _providers for pair in provider.links_for(booking)]
