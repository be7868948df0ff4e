"""What scheduling asks of the bookings app, without importing it.

Scheduling sits below bookings in the layers (a booking needs a practitioner's hours; hours do
not need bookings), so nothing in ``craniocare.scheduling`` may import ``craniocare.bookings``.
Yet the availability screen must show the bookings a change of hours would strand, cancel the
ones the practitioner ticks, preview the open times left after bookings, and count the bookings
on a public holiday. So the dependency is inverted: this module declares what it needs, as the
typed protocol `BookedTime`, and the bookings app registers its implementation from its
``AppConfig.ready()`` (craniocare/bookings/apps.py, craniocare/bookings/stranded.py). Scheduling
calls `booked_time()`; the arrow in the import graph still points down.

A registry instead of a Django signal: a signal has no return values worth typing and would
silently do nothing if no receiver were connected; `booked_time()` fails loudly instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured

from craniocare.catalog.models import Service

from .models import Practitioner

__all__ = ["BookedSession", "BookedTime", "Proposal", "booked_time", "register_booked_time"]

Intervals = Sequence[tuple[dt.time, dt.time]]


@dataclass
class Proposal:
    """A change to a practitioner's availability, as the office is about to save it."""

    weekly: dict[int, Intervals] | None = None  # the whole week, replacing today's hours
    override_day: dt.date | None = None  # a date whose override is set (or removed)
    override_intervals: Intervals | None = None  # None: the override is removed
    time_off: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)  # added
    holiday_closed: dt.date | None = None  # an opened public holiday that closes again


class BookedSession(Protocol):
    """A confirmed booking as the availability screen shows it (a bookings.Booking)."""

    @property
    def pk(self) -> Any: ...

    @property
    def practitioner_id(self) -> Any: ...

    @property
    def start(self) -> dt.datetime: ...

    @property
    def end(self) -> dt.datetime: ...


class BookedTime(Protocol):
    """The bookings app, as the availability screen and the availability write paths see it."""

    def stranded(
        self, *, practitioner: Practitioner, proposal: Proposal, now: dt.datetime
    ) -> list[BookedSession]:
        """Confirmed bookings from `now` on that sit inside working time today and would not
        (or would sit in time off) if `proposal` were saved, by start."""
        ...

    def cancel(
        self, *, practitioner: Practitioner, bookings: Iterable[BookedSession], reason: str
    ) -> None:
        """Cancel those of `bookings` that are the practitioner's (inside the caller's
        transaction), telling the clients."""
        ...

    def open_starts(
        self,
        *,
        practitioner: Practitioner,
        service: Service,
        first_day: dt.date,
        last_day: dt.date,
        now: dt.datetime,
    ) -> list[dt.datetime]:
        """Open start times of `service` with the practitioner on her local dates
        first_day..last_day, after bookings: the online engine's answer."""
        ...

    def confirmed_starts(
        self, *, practitioner: Practitioner, start: dt.datetime, end: dt.datetime
    ) -> list[dt.datetime]:
        """Starts of the practitioner's confirmed bookings in [start, end)."""
        ...


_registered: list[BookedTime] = []


def register_booked_time(provider: BookedTime) -> None:
    """Called once by the bookings app's ``ready()``; a second call replaces the first."""
    _registered[:] = [provider]


def booked_time() -> BookedTime:
    if not _registered:
        raise ImproperlyConfigured(
            "No bookings provider registered: is craniocare.bookings in INSTALLED_APPS?"
        )
    return _registered[0]
