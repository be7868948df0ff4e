"""Request and response shapes of API v1 (DESIGN.md §4); the OpenAPI schema comes from these."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from craniocare.lib.parsing import clean_line, clean_text, parse_phone
from craniocare.lib.tz import is_residential_zone

from .errors import ZONE_MESSAGE


def _one_line(limit: int) -> AfterValidator:
    return AfterValidator(lambda value: clean_line(value, max_length=limit))


def _phone(value: str) -> str:
    return parse_phone(value)


def _notes(value: str) -> str:
    return clean_text(value, max_length=2000)


def _zone(value: str) -> str:
    if not is_residential_zone(value):
        raise ValueError(ZONE_MESSAGE)
    return value


# The same rules as the forms (craniocare/lib/parsing.py); a refusal is a 422 with the message.
Slug = Annotated[str, Field(min_length=1, max_length=100), _one_line(100)]
Name = Annotated[str, Field(min_length=1, max_length=200), _one_line(200)]
Email = Annotated[str, Field(min_length=3, max_length=254), _one_line(254)]
Phone = Annotated[str, Field(max_length=40, examples=["416 555 0100"]), AfterValidator(_phone)]
Notes = Annotated[str, Field(max_length=2000), AfterValidator(_notes)]
Zone = Annotated[
    str, Field(min_length=1, max_length=64, examples=["America/Toronto"]), AfterValidator(_zone)
]
IdempotencyKey = Annotated[str, Field(min_length=1, max_length=255), _one_line(255)]
Reason = Annotated[str, Field(max_length=1000), AfterValidator(_notes)]
Instant = Annotated[
    str,
    Field(
        description="ISO 8601 with the offset of the requested zone.",
        json_schema_extra={"format": "date-time", "example": "2027-03-08T10:00:00-05:00"},
    ),
]


class ErrorOut(Schema):
    error: str
    detail: object = None


class ServiceOut(Schema):
    slug: str
    name: str
    duration_minutes: int
    price: str = Field(description="A decimal string, e.g. 120.00.")
    currency: str
    description: str


class SlotOut(Schema):
    start: Instant
    end: Instant
    practitioner: str


class AvailabilityOut(Schema):
    service: str
    timezone: str
    slots: list[SlotOut]


class ClientIn(Schema):
    name: Name
    email: Email
    phone: Phone | None = None


class BookingIn(Schema):
    service: Slug
    start: datetime = Field(
        description="ISO 8601 with an offset (or Z): an offered slot start.",
        json_schema_extra={"example": "2027-03-08T10:00:00-05:00"},
    )
    practitioner: Slug | None = None
    client: ClientIn
    notes: Notes | None = None
    first_visit: bool = False
    timezone: Zone | None = Field(
        default=None, description="The IANA zone the client picked the time in (optional)."
    )
    idempotency_key: IdempotencyKey | None = Field(
        default=None,
        description="Retrying with the same key and body returns the same booking.",
    )


class BookingOut(Schema):
    uid: str
    status: str
    service: str
    practitioner: str
    start: Instant
    end: Instant
    manage_url: str


class CancelIn(Schema):
    reason: Reason | None = None


class CancelOut(Schema):
    uid: str
    status: str
