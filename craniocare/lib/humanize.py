"""Times and time zones as people read them (pure; no Django).

- ``format_time``: a wall-clock time in a locale's usual style. Canadian English writes
  "9:00 a.m." and "12:30 p.m." (CLDR's en_CA), American English "9:00 AM", French (Canada)
  "9 h 00"; other locales get the 24-hour "09:00". A small table instead of Babel: the practice
  needs a handful of locales, and this keeps CLDR's forms without shipping its data. A no-break
  space joins the time and "a.m." so a label never breaks between them.
- ``zone_label``: "Toronto time", "Kolkata time", "Buenos Aires time". Zones on Greenwich time
  in winter (London, Dublin, Lisbon...) add the abbreviation of the moment, "London time
  (GMT)" or "London time (BST)", because that is how people there name their clock. The IANA
  key stays the value in forms and links; pages show it as a title where a zone is changed.
- ``html_datetime``: the value of an HTML ``<time datetime>``: seconds, no microseconds.
- ``short_name``: a service's name short enough for a calendar cell: "CranioSacral Therapy,
  60 minutes" -> "CST 60"; a short head is kept whole ("Jaw and TMJ, 60 minutes" -> "Jaw and
  TMJ 60").
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, tzinfo
from zoneinfo import ZoneInfo

__all__ = ["format_time", "format_time_range", "html_datetime", "short_name", "zone_label"]

NBSP = "\u00a0"
EN_DASH = "\u2013"

# Locale (lower case, "-" separated) -> (morning, afternoon) markers of a 12-hour clock.
_TWELVE_HOUR = {
    "en-ca": ("a.m.", "p.m."),
    "en-us": ("AM", "PM"),
    "en": ("AM", "PM"),
}
_GREENWICH = ("GMT", "UTC")


def _normal(locale: str) -> str:
    return (locale or "").replace("_", "-").lower()


def _markers(locale: str) -> tuple[str, str] | None:
    name = _normal(locale)
    return _TWELVE_HOUR.get(name)


def _clock(moment: time | datetime, locale: str) -> tuple[str, str]:
    """(digits, marker) of ``moment``; marker is "" on a 24-hour clock."""
    hour, minute = moment.hour, moment.minute
    markers = _markers(locale)
    if markers is not None:
        return f"{(hour % 12) or 12}:{minute:02d}", markers[hour >= 12]
    if _normal(locale) == "fr-ca":
        return f"{hour}{NBSP}h{NBSP}{minute:02d}", ""
    return f"{hour:02d}:{minute:02d}", ""


def format_time(moment: time | datetime, locale: str) -> str:
    """'9:00 a.m.' (en-CA), '9:00 AM' (en-US), '09:00' (24-hour locales); wall clock as given."""
    digits, marker = _clock(moment, locale)
    return f"{digits}{NBSP}{marker}" if marker else digits


def format_time_range(start: time | datetime, end: time | datetime, locale: str) -> str:
    """'10:00-11:00 a.m.', '11:30 a.m.-12:30 p.m.', '10:00-11:00' (with en dashes)."""
    first, first_marker = _clock(start, locale)
    if first_marker and first_marker == _clock(end, locale)[1]:
        return f"{first}{EN_DASH}{format_time(end, locale)}"
    return f"{format_time(start, locale)}{EN_DASH}{format_time(end, locale)}"


def _zone(zone: str | tzinfo) -> tzinfo:
    return ZoneInfo(zone) if isinstance(zone, str) else zone


def zone_label(zone: str | tzinfo, at: datetime | None = None) -> str:
    """How people name the clock of ``zone`` (an IANA key) at the instant ``at`` (default now)."""
    key = zone if isinstance(zone, str) else str(getattr(zone, "key", zone))
    if "/" not in key:
        return key  # "UTC" and the like
    city = key.rsplit("/", 1)[1].replace("_", " ")
    tz = _zone(zone)
    moment = (at or datetime.now(UTC)).astimezone(tz)
    winter = datetime(moment.year, 1, 15, 12, tzinfo=tz).tzname()
    summer = datetime(moment.year, 7, 15, 12, tzinfo=tz).tzname()
    if winter in _GREENWICH or summer in _GREENWICH:
        return f"{city} time ({moment.tzname()})"
    return f"{city} time"


def html_datetime(instant: datetime, zone: str | tzinfo | None = None) -> str:
    """A valid HTML datetime: '2026-12-02T15:30:00-05:00' in ``zone``, or '...Z' in UTC."""
    if instant.tzinfo is None:
        raise ValueError("an aware datetime is required")
    local = instant.astimezone(_zone(zone)) if zone is not None else instant
    text = local.replace(microsecond=0).isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


SHORT_NAME_LENGTH = 16
_SMALL_WORDS = frozenset({"a", "an", "and", "for", "of", "or", "the", "to", "with"})


def short_name(name: str, limit: int = SHORT_NAME_LENGTH) -> str:
    """The head of ``name`` (before the first comma) and its first number; a head longer than
    ``limit`` becomes its capitals ("CranioSacral Therapy" -> "CST"), or its initials."""
    head, _, rest = name.partition(",")
    head = " ".join(head.split())
    if len(head) > limit:
        capitals = "".join(c for c in head if c.isupper())
        words = [w for w in head.split() if w[0].isalnum() and w.lower() not in _SMALL_WORDS]
        initials = "".join(word[0].upper() for word in words)
        head = capitals if len(capitals) > 1 else initials
    number = re.search(r"\d+", rest)
    if number and number.group() not in head:
        head = f"{head} {number.group()}"
    return head
