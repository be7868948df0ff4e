"""Request and response shapes of API v1 (DESIGN.md §4); the OpenAPI schema comes from these."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field


def _plain_text(value: str) -> str:
    """Text the database can store: no NUL characters, no lone surrogates."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("must be valid Unicode text") from error
    return value


PlainText = AfterValidator(_plain_text)
Slug = Annotated[str, Field(min_length=1, max_length=100), PlainText]
Name = Annotated[str, Field(min_length=1, max_length=200), PlainText]
Email = Annotated[str, Field(min_length=3, max_length=254), PlainText]
Phone = Annotated[str, Field(max_length=40), PlainText]
Notes = Annotated[str, Field(max_length=2000), PlainText]
Zone = Annotated[str, Field(min_length=1, max_length=64), PlainText]
IdempotencyKey = Annotated[str, Field(min_length=1, max_length=255), PlainText]
Reason = Annotated[str, Field(max_length=1000), PlainText]


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
    start: str = Field(description="ISO 8601 with the offset of the requested zone.")
    end: str
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
    start: datetime = Field(description="ISO 8601 with an offset (or Z): an offered slot start.")
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
    start: str
    end: str
    manage_url: str


class CancelIn(Schema):
    reason: Reason | None = None


class CancelOut(Schema):
    uid: str
    status: str
