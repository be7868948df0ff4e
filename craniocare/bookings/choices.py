"""What a visitor has chosen in the public booking flow, read once from the query or the hidden
fields into a frozen value: the service, the zone to show times in, the practitioner, the start.

Nothing here trusts what arrives: a zone must be a real IANA key a person lives in, a start an
aware ISO 8601 instant, a service an active one. The chosen time is checked again by
`booking_create` inside its transaction; the checks here only give a clear message early.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.http import Http404
from django.utils import timezone

from craniocare.catalog.models import Service
from craniocare.lib.parsing import InvalidInput, clean_line, parse_date, parse_instant, parse_zone
from craniocare.scheduling.models import Practitioner

from .session_times import iso_start, practice_zone

MAX_FIELD = 300  # no hidden field or query value of this flow is longer; longer is garbage

BAD_WEEK = "We couldn't read that week, so here is the first week with open times."
BAD_START = "We couldn't read the time you picked. Please choose one of these times."


class BadChoice(Exception):
    """A chosen time, week or zone that cannot be read: shown to the visitor as `message`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _clean(value: object) -> str:
    """A query value or hidden field as one line of text; "" for anything unreadable (a NUL, a
    line break, a value longer than any this flow sends), which then matches nothing."""
    try:
        return clean_line(value if isinstance(value, str) else "", max_length=MAX_FIELD)
    except InvalidInput:
        return ""


@dataclass(frozen=True)
class ZoneChoice:
    key: str  # a valid IANA zone
    explicit: bool  # the visitor (or their browser) named it; False: the practice's, by default
    error: str = ""  # what was wrong with the zone they named

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.key)


@dataclass(frozen=True)
class Choice:
    """What the visitor has chosen so far. `problem` says why a start that was sent could not
    be read (then `start` is None)."""

    service: Service
    zone: ZoneChoice
    practitioner: Practitioner | None = None
    start: datetime | None = None
    problem: str = ""

    @property
    def tzinfo(self) -> ZoneInfo:
        return self.zone.zone

    def taken_by(self, practitioner: Practitioner) -> Choice:
        """The same choice with the practitioner who would take the time."""
        return replace(self, practitioner=practitioner)

    def params(self, **extra: Any) -> dict[str, Any]:
        """Query parameters that keep the choice (the zone only when the visitor named one)."""
        return {
            "service": self.service.slug,
            "tz": self.zone.key if self.zone.explicit else "",
            "practitioner": self.practitioner.slug if self.practitioner else "",
            **extra,
        }

    def hidden(self) -> list[tuple[str, str]]:
        fields = [("service", self.service.slug), ("tz", self.zone.key)]
        if self.practitioner:
            fields.append(("practitioner", self.practitioner.slug))
        if self.start:
            fields.append(("start", iso_start(self.start)))
        return fields

    def week_of_start(self) -> str:
        assert self.start is not None
        return timezone.localtime(self.start, self.tzinfo).date().isoformat()


def resolve_zone(chosen: object, typed: object, fallback: str) -> ZoneChoice:
    """The zone to show times in: the typed one, else the chosen one, else `fallback`.

    A name that is not a zone a person lives in (lib.tz.match_zone: exact, then
    case-insensitive, "europe/london" works too) falls back with a message.
    """
    raw = typed if isinstance(typed, str) and typed.strip() else chosen
    if not (isinstance(raw, str) and raw.strip()):
        return ZoneChoice(fallback, explicit=False)
    try:
        return ZoneChoice(parse_zone(raw).key, explicit=True)
    except InvalidInput:
        name = _clean(raw)
        shown = name if len(name) <= 60 else name[:60] + "…"
        return ZoneChoice(
            fallback,
            explicit=False,
            error=f"We don't recognise the time zone “{shown}”. Please pick one from the list or "
            f"type a name such as Europe/London. For now the times are shown in {fallback}, the "
            "practice's own time zone.",
        )


def parse_week(raw: object) -> date | None:
    """A date inside the wanted week (YYYY-MM-DD), or None when none was asked for."""
    if isinstance(raw, date):
        return raw
    if not (isinstance(raw, str) and raw.strip()):
        return None
    try:
        return parse_date(raw)
    except InvalidInput:
        raise BadChoice(BAD_WEEK) from None


def read_week(raw: object) -> tuple[date | None, str]:
    """The wanted week, and a message when it could not be read (then the first with times)."""
    try:
        return parse_week(raw), ""
    except BadChoice as bad:
        return None, bad.message


def parse_start(raw: object) -> datetime:
    """The chosen start as an aware UTC datetime (ISO 8601 with an offset, 2000-2100)."""
    try:
        return parse_instant(raw)
    except InvalidInput:
        raise BadChoice(BAD_START) from None


def service_or_404(slug: object) -> Service:
    service = Service.objects.active().filter(slug=_clean(slug)).first()
    if service is None:
        raise Http404("No such service.")
    return service


def practitioner_or_none(slug: object) -> Practitioner | None:
    text = _clean(slug)
    if not text:
        return None
    return Practitioner.objects.active().filter(slug=text).first()


def read_zone(data: Any, *, typed: bool = True) -> ZoneChoice:
    """The zone named in `data` (picked, or typed when `typed`), else the practice's."""
    return resolve_zone(data.get("tz"), data.get("tz_other") if typed else None, practice_zone())


def read_choice(data: Any, *, with_start: bool) -> Choice:
    """The choice in `data` (a QueryDict). An unknown service raises Http404."""
    choice = Choice(
        service=service_or_404(data.get("service")),
        zone=read_zone(data),
        practitioner=practitioner_or_none(data.get("practitioner")),
    )
    if not with_start:
        return choice
    try:
        return replace(choice, start=parse_start(data.get("start")))
    except BadChoice as bad:
        return replace(choice, problem=bad.message)


def week_asked(data: Any, zone: ZoneInfo) -> object:
    """The week to show again: the one asked for, the one shown, else the one of the chosen
    start (raw, read by `read_week`)."""
    week = data.get("week") or data.get("shown_week")
    if not week and data.get("start"):
        try:
            start = parse_start(data.get("start"))
        except BadChoice:
            return None
        return timezone.localtime(start, zone).date().isoformat()
    return week
