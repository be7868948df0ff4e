"""Bookings stranded by a change of availability, and the bookings app's side of scheduling's
hook (craniocare/scheduling/hooks.py, registered in craniocare/bookings/apps.py).

A change of weekly hours, a date override, time off or a closed public holiday can leave
confirmed bookings outside working time. The availability screen (in scheduling, which may not
import bookings) lists them through the hook and cancels the ones the practitioner ticks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from craniocare.catalog.models import Service
from craniocare.lib.tz import local_date
from craniocare.scheduling.availability import WorkingInterval, working_intervals
from craniocare.scheduling.hooks import BookedSession, Proposal
from craniocare.scheduling.models import Practitioner, TimeOff
from craniocare.scheduling.selectors import schedules_before_and_after

from .free_times import open_slots
from .models import Booking, Status
from .services import booking_cancel


def stranded_bookings(
    *, practitioner: Practitioner, proposal: Proposal, now: dt.datetime
) -> list[Booking]:
    """Confirmed bookings from `now` on that `proposal` would leave outside working time (or
    in time off): those inside working time today, and those on a date the change touches.

    A booking already outside working time (booked by the office out of hours, or on a public
    holiday before it was closed) was kept on purpose, so a change to other dates does not list
    it again; a change to its own date (that day's hours, its weekday's, time off over it) does.
    """
    upcoming = list(
        Booking.objects.filter(practitioner=practitioner, status=Status.CONFIRMED, end__gt=now)
        .select_related("client", "service")
        .order_by("start")
    )
    if not upcoming:
        return []
    zone = ZoneInfo(practitioner.time_zone)
    first = local_date(upcoming[0].start, zone)
    last = local_date(max(b.end for b in upcoming), zone)
    current, proposed = schedules_before_and_after(practitioner, proposal, first, last)
    away = [
        (t.start, t.end) for t in TimeOff.objects.filter(practitioner=practitioner, end__gt=now)
    ]
    working_now = working_intervals(current, first, last)
    working_then = working_intervals(proposed, first, last)
    away_then = away + list(proposal.time_off)
    touched = _changed_days(working_now, working_then) | _days_of(
        proposal.time_off, zone, first, last
    )
    return [
        b
        for b in upcoming
        if not _fits(b, working_then, away_then)
        and (_fits(b, working_now, away) or local_date(b.start, zone) in touched)
    ]


def _changed_days(
    before: Iterable[WorkingInterval], after: Iterable[WorkingInterval]
) -> set[dt.date]:
    """The local dates whose working intervals differ between `before` and `after`."""

    def by_day(
        intervals: Iterable[WorkingInterval],
    ) -> dict[dt.date, list[tuple[dt.datetime, ...]]]:
        days: dict[dt.date, list[tuple[dt.datetime, ...]]] = {}
        for w in intervals:
            days.setdefault(w.day, []).append((w.start, w.end))
        return days

    old, new = by_day(before), by_day(after)
    return {day for day in old.keys() | new.keys() if old.get(day) != new.get(day)}


def _days_of(
    ranges: Iterable[tuple[dt.datetime, dt.datetime]], zone: ZoneInfo, first: dt.date, last: dt.date
) -> set[dt.date]:
    """The local dates first..last that the ranges of instants [start, end) meet."""
    days: set[dt.date] = set()
    for start, end in ranges:
        day = max(first, local_date(start, zone))
        until = min(last, local_date(end - dt.timedelta(microseconds=1), zone))
        while day <= until:
            days.add(day)
            day += dt.timedelta(days=1)
    return days


def _fits(
    booking: Booking,
    working: Iterable[WorkingInterval],
    away: Iterable[tuple[dt.datetime, dt.datetime]],
) -> bool:
    inside = any(w.start <= booking.start and booking.end <= w.end for w in working)
    return inside and not any(start < booking.end and booking.start < end for start, end in away)


class SchedulingBookings:
    """The bookings app as scheduling's `BookedTime` (see craniocare/scheduling/hooks.py)."""

    def stranded(
        self, *, practitioner: Practitioner, proposal: Proposal, now: dt.datetime
    ) -> list[BookedSession]:
        return list(stranded_bookings(practitioner=practitioner, proposal=proposal, now=now))

    def cancel(
        self, *, practitioner: Practitioner, bookings: Iterable[BookedSession], reason: str
    ) -> None:
        for booking in bookings:
            if booking.practitioner_id != practitioner.pk:
                continue
            if not isinstance(booking, Booking):  # pragma: no cover - scheduling passes ours
                raise TypeError(f"Not a booking: {booking!r}")
            booking_cancel(booking=booking, reason=reason, by_client=False)

    def open_starts(
        self,
        *,
        practitioner: Practitioner,
        service: Service,
        first_day: dt.date,
        last_day: dt.date,
        now: dt.datetime,
    ) -> list[dt.datetime]:
        slots = open_slots(
            service=service,
            practitioner=practitioner,
            first_day=first_day,
            last_day=last_day,
            tz=ZoneInfo(practitioner.time_zone),
            now=now,
        )
        return [slot.start for slot, _ in slots]

    def confirmed_starts(
        self, *, practitioner: Practitioner, start: dt.datetime, end: dt.datetime
    ) -> list[dt.datetime]:
        return list(
            Booking.objects.filter(
                practitioner=practitioner,
                status=Status.CONFIRMED,
                start__gte=start,
                start__lt=end,
            ).values_list("start", flat=True)
        )
