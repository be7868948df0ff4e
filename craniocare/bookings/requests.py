"""A request to book, as the write path receives it: the client's details, the checks that run
before any transaction (the same rules as the forms), and the fingerprint that ties an
idempotency key to one request."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from craniocare.catalog.models import Service
from craniocare.clients.models import normalize_email
from craniocare.lib.parsing import (
    EARLIEST,
    LATEST,
    InvalidInput,
    clean_line,
    clean_text,
    parse_phone,
)
from craniocare.lib.tz import is_residential_zone, to_utc
from craniocare.scheduling.models import Practitioner

from .errors import SlotUnavailable
from .models import Source

__all__ = ["BookingRequest", "ClientDetails", "bounded_start", "validate_details"]

# Starts outside the years every form and the API accept (lib/parsing.py) are never slots (and
# near the ends of datetime's range they would overflow its arithmetic).
_EARLIEST = datetime.combine(EARLIEST, time.min, tzinfo=UTC)
_LATEST = datetime.combine(LATEST, time.max, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class ClientDetails:
    name: str
    email: str
    phone: str = ""
    # Ticked "text me reminders" (the public form); it never withdraws an earlier agreement.
    sms_consent: bool = False


@dataclass(frozen=True)
class BookingRequest:
    """Everything `booking_create` was asked, checked and normalised (`start` and `now` in UTC).
    See `booking_create` for what each field means."""

    service: Service
    start: datetime
    client: ClientDetails
    source: Source | str
    booked_tz: str
    practitioner: Practitioner | None
    notes: str
    first_visit: bool
    idempotency_key: str | None  # None when the caller gave none (or an empty one)
    now: datetime
    allow_outside_rules: bool
    notify: bool

    @cached_property
    def fingerprint(self) -> str:
        """A hash of what was asked, to tell a retry (same key, same request) from a misuse
        of the key for a different request."""
        fields: dict[str, Any] = {
            "service": self.service.pk,
            "start": self.start.isoformat(),
            "practitioner": self.practitioner.pk if self.practitioner else None,
            "name": self.client.name.strip(),
            "email": normalize_email(self.client.email),
            "phone": self.client.phone.strip(),
            "notes": self.notes,
            "first_visit": self.first_visit,
            "source": str(self.source),
            "booked_tz": self.booked_tz,
            "allow_outside_rules": self.allow_outside_rules,
        }
        if self.client.sms_consent:  # only when given, so earlier fingerprints still match
            fields["sms_consent"] = True
        body = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def bounded_start(start: datetime) -> datetime:
    """`start` in UTC; SlotUnavailable for instants no slot can have (and that would overflow
    datetime arithmetic, like 0001-01-01T00:00+05:00). ValueError for a naive datetime."""
    try:
        instant = to_utc(start)
    except OverflowError:
        raise SlotUnavailable(start) from None
    if not _EARLIEST <= instant <= _LATEST:
        raise SlotUnavailable(start)
    return instant


def validate_details(
    client: ClientDetails, booked_tz: str, notes: str, *, phone_only_allowed: bool = False
) -> None:
    """The same rules as the forms (lib/parsing.py): one-line name, a real phone number, notes
    without control characters, a zone a person lives in, an email address. With
    `phone_only_allowed` (the office booking a caller in) a phone number may stand in for the
    email address: one of the two is needed."""
    errors: dict[str, str] = {}
    checks = (
        ("name", lambda: clean_line(client.name, max_length=200)),
        ("phone", lambda: parse_phone(client.phone)),
        ("notes", lambda: clean_text(notes, max_length=2000)),
    )
    for field, check in checks:
        try:
            check()
        except InvalidInput as invalid:
            errors[field] = invalid.message
    if "name" not in errors and not client.name.strip():
        errors["name"] = "Give a name."
    if phone_only_allowed and not client.email.strip():
        if not client.phone.strip() and "phone" not in errors:
            errors["phone"] = (
                "Give an email address or a phone number: without either we cannot reach them."
            )
    else:
        try:
            validate_email(normalize_email(clean_line(client.email, max_length=254)))
        except (ValidationError, InvalidInput):
            errors["email"] = "Give a valid email address."
    if not is_residential_zone(booked_tz):
        errors["booked_tz"] = "Unknown time zone: give a place-based IANA zone, e.g. Europe/London."
    if errors:
        raise ValidationError(errors)
