"""Write paths for a practitioner's availability: weekly hours, date overrides, time off, and
which public holidays she opens.

Each takes the bookings the practitioner chose to cancel with the change (the office first lists
the confirmed bookings a change would leave outside working time; see
craniocare/bookings/stranded.py). Change and cancellations happen in one transaction: either all
of them or none. The cancelling itself is the bookings app's, reached through
craniocare/scheduling/hooks.py because scheduling may not import bookings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from craniocare.core.models import PracticeProfile
from craniocare.lib.holidays import public_holidays

from .hooks import BookedSession, booked_time
from .models import DateOverride, HolidayOpening, Practitioner, TimeOff, WorkingHours

CANCEL_REASON = "The practitioner's hours changed."

Intervals = Sequence[tuple[dt.time, dt.time]]


def _cancel(bookings: Iterable[BookedSession], practitioner: Practitioner) -> None:
    """Cancel those of `bookings` that are the practitioner's (others are ignored)."""
    booked_time().cancel(practitioner=practitioner, bookings=bookings, reason=CANCEL_REASON)


def working_hours_replace(
    *,
    practitioner: Practitioner,
    weekly: Mapping[int, Intervals],
    cancel: Iterable[BookedSession] = (),
) -> list[WorkingHours]:
    """Replace the practitioner's weekly hours with `weekly` (weekday 0-6 -> intervals)."""
    with transaction.atomic():
        WorkingHours.objects.filter(practitioner=practitioner).delete()
        created = []
        for weekday in range(7):
            for start, end in sorted(weekly.get(weekday, ())):
                hours = WorkingHours(
                    practitioner=practitioner, weekday=weekday, start=start, end=end
                )
                hours.full_clean()
                hours.save()
                created.append(hours)
        _cancel(cancel, practitioner)
    return created


def date_override_set(
    *,
    practitioner: Practitioner,
    day: dt.date,
    closed: bool,
    intervals: Intervals,
    note: str = "",
    cancel: Iterable[BookedSession] = (),
) -> DateOverride:
    """Set the hours of one date (replacing its weekly hours), or close it."""
    with transaction.atomic():
        override = DateOverride.objects.filter(practitioner=practitioner, date=day).first()
        if override is None:
            override = DateOverride(practitioner=practitioner, date=day)
        override.closed = closed
        override.intervals = (
            [] if closed else [[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in intervals]
        )
        override.note = note.strip()
        override.full_clean()
        override.save()
        _cancel(cancel, practitioner)
    return override


def date_override_delete(*, override: DateOverride, cancel: Iterable[BookedSession] = ()) -> None:
    with transaction.atomic():
        practitioner = override.practitioner
        override.delete()
        _cancel(cancel, practitioner)


def time_off_create(
    *,
    practitioner: Practitioner,
    start: dt.datetime,
    end: dt.datetime,
    reason: str = "",
    cancel: Iterable[BookedSession] = (),
) -> TimeOff:
    with transaction.atomic():
        time_off = TimeOff(practitioner=practitioner, start=start, end=end, reason=reason.strip())
        time_off.full_clean()
        time_off.save()
        _cancel(cancel, practitioner)
    return time_off


def time_off_delete(*, time_off: TimeOff) -> None:
    """Remove time off (it only frees time, so no booking can be stranded by it)."""
    time_off.delete()


def holiday_opening_set(
    *,
    practitioner: Practitioner,
    day: dt.date,
    open_: bool,
    cancel: Iterable[BookedSession] = (),
) -> None:
    """Open a public holiday of the practice's region (it follows the weekly hours that day) or
    close it again. Raises ValidationError when `day` is not such a holiday."""
    region = PracticeProfile.load().holiday_region
    if open_ and day not in public_holidays(region, day, day):
        raise ValidationError("That date is not a public holiday of the practice's region.")
    with transaction.atomic():
        if open_:
            HolidayOpening.objects.get_or_create(practitioner=practitioner, date=day)
        else:
            HolidayOpening.objects.filter(practitioner=practitioner, date=day).delete()
        _cancel(cancel, practitioner)
