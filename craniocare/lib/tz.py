"""Wall-clock helpers over ``zoneinfo``: local (date, time) in a zone <-> UTC instants.

Rules (DESIGN.md §3 rule 2): an ambiguous local time (autumn fall-back) means its first
occurrence (``fold=0``); a local time that does not exist (spring-forward gap) is detected by a
round trip through UTC, because ``zoneinfo`` silently maps it to *some* instant.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta, tzinfo

__all__ = [
    "UTC",
    "describe_gap",
    "gap_end",
    "is_residential_zone",
    "local_date",
    "local_to_utc",
    "local_to_utc_or_after_gap",
    "match_zone",
    "residential_zones",
    "resolve_local",
    "to_utc",
]


# The areas of the IANA database where people live. Keys outside them are kept for programs, not
# people: "localtime", "Factory", "posixrules", "Etc/GMT+5", "EST5EDT", and the legacy aliases
# of the "backward" file ("US/Eastern", "Canada/Pacific", "GB"), whose canonical names
# ("America/Toronto", "Europe/London") are what browsers report.
_RESIDENTIAL_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
# "UTC" itself is accepted too: some people (crews, researchers, remote teams) live by it, and
# it reads unambiguously in an email. Its aliases (Etc/UTC, Zulu, Universal, GMT) are not.
_ALSO_RESIDENTIAL = frozenset({"UTC"})


@functools.cache
def residential_zones() -> frozenset[str]:
    """The IANA zone keys a person can live in: Area/Location keys of the areas above, and UTC."""
    return frozenset(
        key
        for key in zoneinfo.available_timezones()
        if key in _ALSO_RESIDENTIAL or ("/" in key and key.split("/", 1)[0] in _RESIDENTIAL_AREAS)
    )


@functools.cache
def _zones_by_folded_name() -> dict[str, str]:
    return {key.lower(): key for key in residential_zones()}


def is_residential_zone(name: object) -> bool:
    """True when ``name`` is an IANA zone key a person lives in (the ONE zone check: forms, API,
    models and emails all use it). Exact keys only; see :func:`match_zone` for typed names."""
    return isinstance(name, str) and name in residential_zones()


def match_zone(typed: str) -> str | None:
    """The zone key a person meant by ``typed``: exact, or case-insensitive with spaces for
    underscores ("europe/london", "America/St Johns"); None when there is none."""
    if is_residential_zone(typed):
        return typed
    return _zones_by_folded_name().get(typed.strip().replace(" ", "_").lower())


def to_utc(instant: datetime) -> datetime:
    """``instant`` (aware) expressed in UTC; raises ValueError for a naive datetime."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant!r}; an aware instant is required")
    if instant.tzinfo is UTC:
        return instant
    return instant.astimezone(UTC)


def local_date(instant: datetime, zone: tzinfo) -> date:
    """The calendar date of ``instant`` on a wall clock in ``zone``."""
    return to_utc(instant).astimezone(zone).date()


def _naive(wall_time: time) -> time:
    if wall_time.tzinfo is None and not wall_time.fold:
        return wall_time  # the common case; time.replace() is comparatively slow
    return wall_time.replace(tzinfo=None, fold=0)


def resolve_local(day: date, wall_time: time, zone: tzinfo) -> tuple[datetime, timedelta | None]:
    """``(instant, offset)`` for ``wall_time`` on ``day`` in ``zone``, taken as fold=0.

    ``offset`` is the zone's UTC offset at ``instant``, or None when the wall time does not
    exist (a spring-forward gap): the round trip through UTC then shows another wall time.
    Aware datetimes sharing a tzinfo compare by their wall-clock fields, which is that test.
    """
    local = datetime.combine(day, _naive(wall_time), tzinfo=zone)
    instant = local.astimezone(UTC)
    shown = instant.astimezone(zone)
    if shown != local:
        return instant, None
    return instant, zone.utcoffset(shown)


def local_to_utc(day: date, wall_time: time, zone: tzinfo) -> datetime | None:
    """The UTC instant showing ``wall_time`` on ``day`` in ``zone``, or None if there is none.

    Ambiguous times resolve to the first occurrence (fold=0). Non-existent times (inside a
    spring-forward gap) return None: they are detected by converting to UTC and back.
    """
    instant, offset = resolve_local(day, wall_time, zone)
    return None if offset is None else instant


def local_to_utc_or_after_gap(day: date, wall_time: time, zone: tzinfo) -> datetime:
    """Like :func:`local_to_utc`, but a non-existent time maps to the instant the gap ends.

    That is the first instant whose wall clock reads at or after ``wall_time``: the clock jumps
    from the gap's start straight to its end, so "09:00" in a gap means "as soon as the clock
    reads a later time". Used for the edges of working intervals.
    """
    instant = local_to_utc(day, wall_time, zone)
    if instant is not None:
        return instant
    return gap_end(datetime.combine(day, _naive(wall_time), tzinfo=zone))


def _clock(wall: datetime) -> tuple[str, str]:
    """("2:30", "a.m.") as Canadian English writes a wall-clock time."""
    hour = wall.hour % 12 or 12
    return f"{hour}:{wall.minute:02d}", "a.m." if wall.hour < 12 else "p.m."


def _place(zone: tzinfo) -> str:
    key = getattr(zone, "key", None) or str(zone)
    return key.rsplit("/", 1)[-1].replace("_", " ")


def describe_gap(local: datetime) -> str:
    """Why the wall time ``local`` (in a spring-forward gap of its tzinfo) cannot be booked:
    "On 14 March 2027 clocks in Toronto jump from 2:00 to 3:00 a.m., so 2:30 a.m. does not
    exist that day." """
    zone = local.tzinfo
    assert zone is not None
    transition = gap_end(local)
    offset_before = (transition - timedelta(seconds=1)).astimezone(zone).utcoffset()
    assert offset_before is not None
    jumps_from = (transition + offset_before).replace(tzinfo=None)
    jumps_to = transition.astimezone(zone)
    (from_text, from_half), (to_text, to_half) = _clock(jumps_from), _clock(jumps_to)
    wanted = " ".join(_clock(local))
    span = (
        f"{from_text} to {to_text} {to_half}"
        if from_half == to_half
        else f"{from_text} {from_half} to {to_text} {to_half}"
    )
    return (
        f"On {local.day} {local:%B %Y} clocks in {_place(zone)} jump from {span}, so {wanted} "
        "does not exist that day. Please choose another time."
    )


def gap_end(local: datetime) -> datetime:
    """The transition instant of the gap that swallows the non-existent ``local`` time.

    PEP 495: fold=0 converts a gap time with the offset before the transition (landing after
    it), fold=1 with the offset after it (landing before it). The transition lies between the
    two; a bisection to the second finds it (tz transitions happen on whole seconds).
    """
    zone = local.tzinfo
    assert zone is not None
    before = local.replace(fold=1).astimezone(UTC)  # before the transition
    after = local.replace(fold=0).astimezone(UTC)  # at or after the transition
    offset_before = before.astimezone(zone).utcoffset()
    low, high = 0, int((after - before).total_seconds())
    while low + 1 < high:  # invariant: offset(before + low) == offset_before != offset(+ high)
        middle = (low + high) // 2
        if (before + timedelta(seconds=middle)).astimezone(zone).utcoffset() == offset_before:
            low = middle
        else:
            high = middle
    return before + timedelta(seconds=high)
