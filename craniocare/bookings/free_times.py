"""Free times: the engine's inputs from the database, busy time included, run through the pure
engine (DESIGN.md §2).

Schedules, time off and closed holidays are read by craniocare/scheduling/selectors.py; busy
time (the blocked ranges of active bookings) is read here, because bookings own it. The slots
themselves are computed only by the engine (craniocare/scheduling/slots.py): `open_slots` for
the public flow and the API, `office_open_slots` for the back office.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from django.db.models import QuerySet

from craniocare.catalog.models import Service
from craniocare.core.availability_version import LruCache, availability_versions
from craniocare.lib.intervals import Interval
from craniocare.lib.tz import to_utc
from craniocare.scheduling.models import Practitioner
from craniocare.scheduling.selectors import EngineInput, engine_inputs, rules_for
from craniocare.scheduling.slots import Slot, SlotRules, available_slots, office_slots

from .models import Booking

__all__ = [
    "busy_intervals",
    "candidate_slots",
    "office_open_slots",
    "open_slots",
    "time_bucket",
    "within_bounds",
]


def _busy_by_practitioner(
    practitioner_ids: Sequence[int],
    start: datetime,
    end: datetime,
    exclude_booking_id: int | None = None,
) -> dict[int, list[Interval]]:
    """Blocked ranges of active bookings meeting [start, end), per practitioner: one query."""
    rows = (
        Booking.objects.active()
        .filter(practitioner_id__in=practitioner_ids)
        .overlapping(start, end)
        .order_by("blocked_start")
    )
    if exclude_booking_id is not None:
        rows = rows.exclude(pk=exclude_booking_id)
    busy: dict[int, list[Interval]] = defaultdict(list)
    for practitioner_id, blocked_start, blocked_end in rows.values_list(
        "practitioner_id", "blocked_start", "blocked_end"
    ):
        busy[practitioner_id].append(Interval(blocked_start, blocked_end))
    return busy


def busy_intervals(
    practitioner: Practitioner,
    start: datetime,
    end: datetime,
    *,
    exclude_booking_id: int | None = None,
) -> list[Interval]:
    """Blocked ranges (buffers included) of the practitioner's active bookings meeting
    [start, end), sorted; one query. `exclude_booking_id` leaves one booking out (rescheduling).
    """
    return _busy_by_practitioner([practitioner.pk], start, end, exclude_booking_id).get(
        practitioner.pk, []
    )


def _inputs_with_busy(
    candidates: QuerySet[Practitioner],
    first_day: date,
    last_day: date,
    tz: tzinfo,
    exclude_booking_id: int | None = None,
) -> tuple[Interval, list[tuple[EngineInput, list[Interval]]]]:
    """The viewer's range and, per candidate in order, the engine inputs and busy time: the
    queries of `engine_inputs` and one for busy time, whatever the number of practitioners.
    `exclude_booking_id` leaves one booking out of the busy time (the one being rescheduled)."""
    given = engine_inputs(candidates, first_day, last_day, tz)
    if not given.people:
        return given.viewer_range, []
    ids = [person.practitioner.pk for person in given.people]
    busy = _busy_by_practitioner(
        ids, given.read_range.start, given.read_range.end, exclude_booking_id
    )
    return given.viewer_range, [
        (person, busy.get(person.practitioner.pk, [])) for person in given.people
    ]


# Cached answers are computed for the start of `now`'s bucket with the window widened by one
# bucket (a superset of the answer at any instant of the bucket), then cut to `now` exactly.
BUCKET = timedelta(minutes=5)
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_CACHE = LruCache(size=1024)

Versions = tuple[tuple[str, int], ...]


def time_bucket(now: datetime) -> datetime:
    """The start of the BUCKET-long stretch holding `now` (UTC)."""
    now = to_utc(now)
    return now - (now - _EPOCH) % BUCKET


def candidate_slots(
    *,
    service: Service,
    practitioner: Practitioner | None,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    now: datetime,
    versions: Versions | None = None,
) -> tuple[SlotRules, list[tuple[Slot, Practitioner]]]:
    """The service's rules and a superset of `open_slots` for any instant of `now`'s bucket
    (cut it with `within_bounds`), from this process's cache when the availability versions
    (read now, one query, unless given) match those it was computed under."""
    if versions is None:
        versions = availability_versions()
    rules = rules_for(service)
    at = time_bucket(now)
    key = (
        versions,
        service.pk,
        rules,
        practitioner.pk if practitioner is not None else None,
        first_day,
        last_day,
        str(tz),
        at,
    )
    found = _CACHE.get(key)
    if found is None:
        widened = replace(rules, window=rules.window + BUCKET)
        found = _computed_slots(service, practitioner, first_day, last_day, tz, at, widened)
        _CACHE.set(key, found)
    return rules, found


def within_bounds(rules: SlotRules, now: datetime) -> tuple[datetime, datetime]:
    """The first and last start the notice and booking window allow at `now`."""
    now = to_utc(now)
    return now + rules.min_notice, now + rules.window


def _computed_slots(
    service: Service,
    practitioner: Practitioner | None,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    now: datetime,
    rules: SlotRules,
) -> list[tuple[Slot, Practitioner]]:
    candidates = Practitioner.objects.offering(service)
    if practitioner is not None:
        candidates = candidates.filter(pk=practitioner.pk)
    visitor_range, inputs = _inputs_with_busy(candidates, first_day, last_day, tz)
    found: list[tuple[Slot, int, Practitioner]] = []
    for rank, (given, busy) in enumerate(inputs):
        slots = available_slots(
            schedule=given.schedule,
            rules=rules,
            first_day=given.first_day,
            last_day=given.last_day,
            now=now,
            time_off=given.time_off,
            busy=busy,
        )
        found.extend(
            (slot, rank, given.practitioner)
            for slot in slots
            if visitor_range.start <= slot.start < visitor_range.end
        )
    found.sort(key=lambda item: (item[0].start, item[1]))
    return [(slot, person) for slot, _, person in found]


def open_slots(
    *,
    service: Service,
    practitioner: Practitioner | None = None,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    now: datetime,
) -> list[tuple[Slot, Practitioner]]:
    """Open slots of `service` whose start falls on the dates first_day..last_day in zone `tz`
    (the visitor's zone), for `practitioner` or every active practitioner offering the service.

    Sorted by start, then practitioner order. A practitioner who does not offer the service (or
    is inactive) has no slots. The online engine: notice and booking window apply. Answers are
    cached per process under the availability versions (never stale, see `candidate_slots`).
    """
    rules, found = candidate_slots(
        service=service,
        practitioner=practitioner,
        first_day=first_day,
        last_day=last_day,
        tz=tz,
        now=now,
    )
    earliest, latest = within_bounds(rules, now)
    return [(slot, person) for slot, person in found if earliest <= slot.start <= latest]


def office_open_slots(
    *,
    practitioner: Practitioner,
    rules: SlotRules,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    now: datetime,
    exclude_booking_id: int | None = None,
) -> list[Slot]:
    """The back office's free slots for `practitioner` whose start falls on the dates
    first_day..last_day in zone `tz`, from `now` on, sorted: the same inputs as `open_slots`,
    through the engine's office variant (no notice, no booking window, never an overlap).

    `rules` need not be a service's: the calendar asks for free half hours. Whether the
    practitioner is active or offers a service does not matter here; the office decides.
    """
    candidates = Practitioner.objects.filter(pk=practitioner.pk)
    viewer_range, inputs = _inputs_with_busy(
        candidates, first_day, last_day, tz, exclude_booking_id=exclude_booking_id
    )
    return [
        slot
        for given, busy in inputs
        for slot in office_slots(
            schedule=given.schedule,
            rules=rules,
            first_day=given.first_day,
            last_day=given.last_day,
            now=now,
            time_off=given.time_off,
            busy=busy,
        )
        if viewer_range.start <= slot.start < viewer_range.end
    ]
