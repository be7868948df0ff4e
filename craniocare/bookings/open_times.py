"""The open times a visitor picks from, a week at a time on their own clock (a reading of
`open_slots`, the engine's answer; no writes).

Everything here is in the visitor's zone: a week is Monday to Sunday of *their* calendar, each
time is labelled with their wall clock, and the days before today or after the booking window are
left out. The times are exactly what `open_slots` offers (so exactly what the API offers), one per
start: when several practitioners are free at once, the first in booking order is kept, as
`booking_create` would pick.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from craniocare.catalog.models import Service
from craniocare.lib.humanize import zone_label
from craniocare.lib.tz import local_date
from craniocare.scheduling.models import Practitioner
from craniocare.scheduling.slots import Slot

from .free_times import open_slots
from .session_times import clock, day_label, iso_start

__all__ = [
    "Day",
    "TimeChoice",
    "Week",
    "build_week",
    "first_week_with_times",
    "horizon",
    "is_open",
    "monday_of",
    "week_to_show",
]

SEARCH_CHUNK_DAYS = 28  # how many days one query looks ahead for the first open time


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class TimeChoice:
    start: datetime  # UTC
    local: datetime
    practitioner: Practitioner
    label: str  # "10:00 a.m.", or "1:30 a.m. EDT" when a clock change repeats the hour
    day: str  # "Tuesday 1 December"
    url: str = ""  # filled in by the presenter when times are links

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


def week_to_show(
    *,
    service: Service,
    zone: ZoneInfo,
    wanted: date | None,
    now: datetime,
    practitioner: Practitioner | None = None,
) -> tuple[Week, bool]:
    """The week asked for, or (none asked) the first week with open times; and whether nothing
    at all is open within the booking window (then the current week, empty)."""
    nothing_open = False
    if wanted is None:
        first_found = first_week_with_times(
            service=service, zone=zone, now=now, practitioner=practitioner
        )
        nothing_open = first_found is None
        wanted = first_found or monday_of(local_date(now, zone))
    week = build_week(service=service, zone=zone, monday=wanted, now=now, practitioner=practitioner)
    return week, nothing_open


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
