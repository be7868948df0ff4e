"""Reading what people and programs send: bounded dates and instants, clean text, phone numbers.

Every function here either returns a value that is safe to compute with and to store, or raises
:class:`InvalidInput` (a ValueError) whose message can be shown to a person as it is. Forms,
query parameters and the API all read their input through these, so they refuse the same things.

Dates and instants must fall in the years ``EARLIEST.year`` to ``LATEST.year`` (2000 to 2100): a
practice's calendar never needs more, and staying far from the ends of ``datetime``'s range
means date arithmetic on a parsed value (next week, a zone conversion) can never overflow.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

from .tz import describe_gap, match_zone, resolve_local

__all__ = [
    "EARLIEST",
    "LATEST",
    "InvalidInput",
    "clean_line",
    "clean_text",
    "parse_date",
    "parse_instant",
    "parse_phone",
    "parse_zone",
]

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
_DATE_TEXT_MAX = 40  # the longest ISO 8601 instant with microseconds and offset is 32


class InvalidInput(ValueError):
    """Input that cannot be used; `message` says why, in words for the person who sent it."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# --- text -------------------------------------------------------------------------------------

# Line and paragraph separators end a line as surely as "\n" does (in an email header too).
_LINE_BREAKS = {"\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}
_MULTILINE_ALLOWED = {"\n", "\t"}


def _refused_character(text: str, *, multiline: bool) -> str | None:
    """The first character `text` may not contain, or None."""
    for char in text:
        category = unicodedata.category(char)
        if multiline and char in _MULTILINE_ALLOWED:
            continue
        if category in ("Cc", "Cs") or char in _LINE_BREAKS:
            return char
    return None


def clean_text(value: object, *, max_length: int, multiline: bool = True) -> str:
    """`value` as stored text: stripped, line breaks as "\\n", at most `max_length` characters.

    Refuses NUL and every other control character (PostgreSQL cannot store NUL; the others
    have no business in a name or a note), and lone surrogates, which no database encodes.
    Multi-line text keeps line breaks and tabs; single-line text (``multiline=False``, see
    :func:`clean_line`) refuses line breaks too, so it can go into an email header or a subject.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput("Please send this as text.", code="not_text")
    text = value.replace("\r\n", "\n").replace("\r", "\n") if multiline else value
    text = text.strip()
    refused = _refused_character(text, multiline=multiline)
    if refused is not None:
        if not multiline and refused in _LINE_BREAKS:
            raise InvalidInput("Please write this on one line.", code="line_break")
        raise InvalidInput(
            "This contains a control character that cannot be stored. Please type it again "
            "without pasting invisible characters.",
            code="control_character",
        )
    if len(text) > max_length:
        raise InvalidInput(
            f"Please keep this to {max_length} characters or fewer (it has {len(text)}).",
            code="too_long",
        )
    return text


def clean_line(value: object, *, max_length: int) -> str:
    """Single-line text (a name, a subject, a search): :func:`clean_text` without line breaks."""
    return clean_text(value, max_length=max_length, multiline=False)


# Digits, spaces and + ( ) - . for the number; then optionally an extension: "x12", "ext. 12".
_PHONE = re.compile(
    r"(?P<number>[0-9 +().\-]+?)(?:\s*(?:x|ext\.?|extension)\s*(?P<ext>[0-9]{1,6}))?"
)
PHONE_MAX_LENGTH = 40


def parse_phone(value: object) -> str:
    """A phone number as typed ("416 555 0100", "+44 (20) 7946-0958 ext. 12"), or "" when none.

    Only digits, spaces and + ( ) - . are allowed, plus an extension; the number itself has 7
    to 20 digits (E.164 allows at most 15, local formats add a trunk or exit prefix).
    """
    text = clean_line(value, max_length=PHONE_MAX_LENGTH)
    if not text:
        return ""
    match = _PHONE.fullmatch(text.lower())
    if match is None:
        raise InvalidInput(
            "Please use only digits, spaces, +, -, dots and brackets, for example "
            "416 555 0100 (an extension can follow as “ext. 12”).",
            code="phone_characters",
        )
    digits = sum(char.isdigit() for char in match["number"])
    if not 7 <= digits <= 20:
        raise InvalidInput(
            "A phone number has between 7 and 20 digits. Please check it, or leave it empty.",
            code="phone_digits",
        )
    return text


# --- dates and instants -------------------------------------------------------------------------


def _out_of_range(earliest: date, latest: date) -> InvalidInput:
    return InvalidInput(
        f"Please give a date between {earliest:%-d %B %Y} and {latest:%-d %B %Y}.",
        code="out_of_range",
    )


def parse_date(value: object, *, earliest: date = EARLIEST, latest: date = LATEST) -> date:
    """An ISO 8601 calendar date ("2027-03-14") between `earliest` and `latest` (inclusive)."""
    text = clean_line(value, max_length=_DATE_TEXT_MAX) if isinstance(value, str) else None
    unreadable = InvalidInput(
        "Please give the date as year-month-day, for example 2027-03-14.", code="invalid_date"
    )
    if not text:
        raise unreadable
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise unreadable from None
    if not earliest <= parsed <= latest:
        raise _out_of_range(earliest, latest)
    return parsed


def parse_instant(
    value: object,
    *,
    local_zone: tzinfo | None = None,
    earliest: date = EARLIEST,
    latest: date = LATEST,
) -> datetime:
    """An ISO 8601 date and time as an aware datetime in UTC.

    The text needs an offset ("2027-03-14T10:00:00-04:00", "…Z") unless `local_zone` is given:
    a time without one is then a wall-clock time there (what a datetime-local input sends).
    Such a time that the clock skips (a spring-forward gap) is refused with a message that
    says so; a repeated one (autumn) means its first occurrence.
    """
    text = clean_line(value, max_length=_DATE_TEXT_MAX) if isinstance(value, str) else None
    unreadable = InvalidInput(
        "Please give the date and time as year-month-day and hours:minutes, for example "
        "2027-03-14T10:30" + ("." if local_zone is not None else "-04:00."),
        code="invalid_instant",
    )
    if not text:
        raise unreadable
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise unreadable from None
    if not earliest <= parsed.date() <= latest:
        raise _out_of_range(earliest, latest)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        if local_zone is None:
            raise unreadable
        instant, offset = resolve_local(parsed.date(), parsed.time(), local_zone)
        if offset is None:
            raise InvalidInput(
                describe_gap(parsed.replace(tzinfo=local_zone)), code="nonexistent_time"
            )
        return instant
    return parsed.astimezone(UTC)


def parse_zone(value: object) -> ZoneInfo:
    """The IANA zone a person lives in that `value` names (matched as :func:`match_zone` does).

    Program-only keys ("localtime", "Factory", "Etc/GMT+5", "US/Eastern") are refused: they
    would show in a client's email as "15:30 (localtime)"."""
    name = clean_line(value, max_length=64) if isinstance(value, str) else ""
    key = match_zone(name) if name else None
    if key is None:
        shown = name if len(name) <= 60 else name[:60] + "…"
        raise InvalidInput(
            f"“{shown}” is not a time zone we know. Please give a place-based IANA time zone "
            "such as America/Toronto or Europe/London.",
            code="invalid_timezone",
        )
    return ZoneInfo(key)
