"""The week of open times a visitor picks from, on their own clock (presentation over
`open_slots`; no writes).

Everything here is in the visitor's zone: a week is Monday to Sunday of *their* calendar, each
time is labelled with their wall clock, and the days before today or after the booking window are
left out. The times are exactly what `open_slots` offers (so exactly what the API offers), one per
start: when several practitioners are free at once, the first in booking order is kept, as
`booking_create` would pick.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import dateformat

from craniocare.bookings.free_times import open_slots
from craniocare.catalog.models import Service
from craniocare.lib.humanize import format_time, format_time_range, zone_label
from craniocare.lib.tz import local_date
from craniocare.scheduling.models import Practitioner
from craniocare.scheduling.slots import Slot

__all__ = [
    "Day",
    "TimeChoice",
    "Week",
    "build_week",
    "change_deadline",
    "day_label",
    "first_week_with_times",
    "format_range",
    "format_when",
    "horizon",
    "is_open",
    "iso_start",
    "monday_of",
    "time_facts",
]

SEARCH_CHUNK_DAYS = 28  # how many days one query looks ahead for the first open time


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def iso_start(instant: datetime) -> str:
    """The start as it travels in links and forms: ISO 8601 in UTC, e.g. 2027-01-18T14:00:00Z."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_label(day: date | datetime, *, year: bool = False) -> str:
    """'Tuesday 1 December' (or with the year)."""
    return dateformat.format(day, "l j F Y" if year else "l j F")


def clock(local: datetime) -> str:
    """A wall-clock time in the practice's locale (settings.LANGUAGE_CODE): '9:00 a.m.'."""
    return format_time(local, settings.LANGUAGE_CODE)


def format_when(instant: datetime, zone: tzinfo, *, year: bool = True) -> str:
    """'Tuesday 1 December 2026, 10:00 a.m.' on a clock in `zone`."""
    local = instant.astimezone(zone)
    return f"{day_label(local, year=year)}, {clock(local)}"


def format_range(start: datetime, end: datetime, zone: tzinfo) -> str:
    """'Tuesday 1 December 2026, 10:00\u201311:00 a.m.' on a clock in `zone`."""
    local = start.astimezone(zone)
    times = format_time_range(local, end.astimezone(zone), settings.LANGUAGE_CODE)
    return f"{day_label(local, year=True)}, {times}"


@dataclass
class TimeChoice:
    start: datetime  # UTC
    local: datetime
    practitioner: Practitioner
    label: str  # "10:00 a.m.", or "1:30 a.m. EDT" when a clock change repeats the hour
    day: str  # "Tuesday 1 December"
    url: str = ""  # filled in by the view when times are links

    @property
    def value(self) -> str:
        return iso_start(self.start)

    @property
    def accessible_name(self) -> str:
        return f"{self.day}, {self.label}"


@dataclass
class Day:
    date: date
    label: str
    times: list[TimeChoice] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.date.isoformat()


@dataclass
class Week:
    zone: str
    monday: date
    days: list[Day]
    previous_monday: date | None
    next_monday: date | None

    @property
    def zone_label(self) -> str:
        """'London time (GMT)': the zone as named on the week's first day."""
        first = self.days[0].date if self.days else self.monday
        return zone_label(self.zone, datetime.combine(first, time(12), tzinfo=ZoneInfo(self.zone)))

    @property
    def has_times(self) -> bool:
        return any(day.times for day in self.days)

    @property
    def label(self) -> str:
        monday, sunday = self.monday, self.monday + timedelta(days=6)
        if monday.year != sunday.year:
            return f"{monday.day} {monday:%B %Y} \u2013 {sunday.day} {sunday:%B %Y}"
        if monday.month != sunday.month:
            return f"{monday.day} {monday:%B} \u2013 {sunday.day} {sunday:%B %Y}"
        return f"{monday.day}\u2013{sunday.day} {sunday:%B %Y}"


def horizon(service: Service, zone: tzinfo, now: datetime) -> tuple[date, date]:
    """The first and last local dates (in `zone`) on which the service can be booked."""
    first = local_date(now + timedelta(minutes=service.min_notice_minutes), zone)
    last = local_date(now + timedelta(days=service.booking_window_days), zone)
    return first, last


def _choices(
    slots: list[tuple[Slot, Practitioner]], zone: ZoneInfo
) -> dict[date, list[TimeChoice]]:
    by_day: dict[date, list[TimeChoice]] = {}
    seen: set[datetime] = set()
    for slot, practitioner in slots:
        start = slot.start
        if start in seen:
            continue
        seen.add(start)
        local = start.astimezone(zone)
        by_day.setdefault(local.date(), []).append(
            TimeChoice(
                start=start,
                local=local,
                practitioner=practitioner,
                label=clock(local),
                day=day_label(local),
            )
        )
    for times in by_day.values():
        # A clock that falls back shows one wall time twice: tell them apart by the zone's name.
        repeated = {label for label, count in Counter(t.label for t in times).items() if count > 1}
        for choice in times:
            if choice.label in repeated:
                choice.label = f"{choice.label} {choice.local:%Z}"
    return by_day


def build_week(
    *,
    service: Service,
    zone: ZoneInfo,
    monday: date,
    now: datetime,
    practitioner: Practitioner | None = None,
) -> Week:
    """The open times of the week starting `monday` (moved into the booking window)."""
    first, last = horizon(service, zone, now)
    today = local_date(now, zone)
    monday = min(max(monday_of(monday), monday_of(today)), monday_of(last))
    sunday = monday + timedelta(days=6)
    shown_from, shown_to = max(monday, today), min(sunday, last)
    by_day: dict[date, list[TimeChoice]] = {}
    if shown_from <= shown_to and shown_to >= first:
        slots = open_slots(
            service=service,
            practitioner=practitioner,
            first_day=max(shown_from, first),
            last_day=shown_to,
            tz=zone,
            now=now,
        )
        by_day = _choices(slots, zone)
    days = [
        Day(date=day, label=day_label(day), times=by_day.get(day, []))
        for offset in range((shown_to - shown_from).days + 1)
        for day in [shown_from + timedelta(days=offset)]
    ]
    return Week(
        zone=zone.key,
        monday=monday,
        days=days,
        previous_monday=monday - timedelta(days=7) if monday > monday_of(today) else None,
        next_monday=sunday + timedelta(days=1) if sunday < last else None,
    )


def first_week_with_times(
    *,
    service: Service,
    zone: ZoneInfo,
    now: datetime,
    practitioner: Practitioner | None = None,
) -> date | None:
    """The Monday (in `zone`) of the first week with an open time, or None within the window."""
    first, last = horizon(service, zone, now)
    day = first
    while day <= last:
        chunk_end = min(day + timedelta(days=SEARCH_CHUNK_DAYS - 1), last)
        slots = open_slots(
            service=service,
            practitioner=practitioner,
            first_day=day,
            last_day=chunk_end,
            tz=zone,
            now=now,
        )
        if slots:
            return monday_of(local_date(slots[0][0].start, zone))
        day = chunk_end + timedelta(days=1)
    return None


def is_open(
    *,
    service: Service,
    start: datetime,
    zone: ZoneInfo,
    now: datetime,
    practitioner: Practitioner | None = None,
) -> Practitioner | None:
    """The practitioner who would take `start` if it is offered right now, else None."""
    first, last = horizon(service, zone, now)
    try:
        day = local_date(start, zone)
    except OverflowError:
        return None
    if not first <= day <= last:
        return None
    for slot, person in open_slots(
        service=service, practitioner=practitioner, first_day=day, last_day=day, tz=zone, now=now
    ):
        if slot.start == start:
            return person
    return None


def time_facts(start: datetime, end: datetime, zone: str, practice_zone: str) -> dict[str, object]:
    """How a session's time reads for the visitor, and for the practice when its zone differs."""
    visitor, practice = ZoneInfo(zone), ZoneInfo(practice_zone)
    return {
        "when": format_range(start, end, visitor),
        "zone": zone_label(zone, start),  # "London time (GMT)"
        "zone_key": zone,  # "Europe/London"
        "practice_when": format_range(start, end, practice),
        "practice_zone": zone_label(practice_zone, start),
        "practice_zone_key": practice_zone,
        "practice_zone_differs": zone != practice_zone,
    }


def change_deadline(service: Service, start: datetime) -> datetime:
    """Until when a client can cancel or move a session online."""
    return start - timedelta(hours=service.cancellation_cutoff_hours)
