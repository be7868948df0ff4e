"""GET /api/v1/availability"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from craniocare.bookings.free_times import Versions, candidate_slots
from craniocare.catalog.models import Service
from craniocare.core.availability_version import availability_versions
from craniocare.lib.parsing import InvalidInput, parse_date
from craniocare.lib.tz import is_residential_zone
from craniocare.scheduling.models import Practitioner

from .availability_cache import Answer, answer_key, render, store_answer, stored_answer
from .errors import ZONE_MESSAGE, ApiError, enforce_rate_limit, not_found
from .schemas import AvailabilityOut, ErrorOut

router = Router(tags=["availability"])

MAX_DAYS = 62
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


class AvailabilityQuery(Schema):
    service: str = Field(description="Service slug.")
    # Strings with format "date" (not `date`), so a bad date gets this API's own 400 answer.
    start: str = Field(
        description="First date, YYYY-MM-DD, in `tz` (inclusive; years 2000 to 2100).",
        json_schema_extra={"format": "date", "example": "2027-03-08"},
    )
    end: str = Field(
        description=f"Last date, YYYY-MM-DD, in `tz` (inclusive; at most {MAX_DAYS} days).",
        json_schema_extra={"format": "date", "example": "2027-03-14"},
    )
    tz: str = Field(
        description="IANA time zone of the dates and of the answered times: a place-based "
        "zone such as America/Toronto (or UTC).",
        json_schema_extra={"example": "America/Toronto"},
    )
    practitioner: str | None = Field(default=None, description="Practitioner slug (optional).")


def _parse_date(name: str, value: str) -> date:
    if _DATE.fullmatch(value):
        try:
            return parse_date(value)
        except InvalidInput as invalid:
            raise ApiError(400, "invalid_date", f"{name}: {invalid.message}") from None
    raise ApiError(400, "invalid_date", f"{name} must be a date as YYYY-MM-DD.")


@router.get(
    "/availability",
    response={200: AvailabilityOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
)
def availability(request: HttpRequest, query: Query[AvailabilityQuery]) -> HttpResponse:
    """Open slots of a service on the dates start..end (inclusive) in the visitor's zone."""
    enforce_rate_limit(request, "api_read")
    first_day = _parse_date("start", query.start)
    last_day = _parse_date("end", query.end)
    if last_day < first_day:
        raise ApiError(400, "invalid_range", "end must not be before start.")
    if (last_day - first_day).days + 1 > MAX_DAYS:
        raise ApiError(400, "invalid_range", f"At most {MAX_DAYS} days at a time.")
    if not is_residential_zone(query.tz):
        raise ApiError(400, "invalid_timezone", ZONE_MESSAGE)
    zone = ZoneInfo(query.tz)
    now = timezone.now()
    versions = availability_versions()  # one query; the rest comes from this process's cache
    params = (query.service, query.practitioner, first_day, last_day, query.tz)
    key = answer_key(versions, params, now)
    answer = stored_answer(key)
    if answer is None:
        answer = _answer(query, first_day, last_day, zone, now, versions)
        store_answer(key, answer, request.META.get("QUERY_STRING", ""))
    return HttpResponse(render(params, answer, now), content_type="application/json")


def _answer(
    query: AvailabilityQuery,
    first_day: date,
    last_day: date,
    zone: ZoneInfo,
    now: datetime,
    versions: Versions,
) -> Answer:
    """The service's notice and window, and the slots of a superset for `now`'s bucket: their
    starts (UTC) and their JSON items."""
    service = (
        Service.objects.active().filter(slug=query.service).first()
        if _SLUG.fullmatch(query.service)
        else None
    )
    if service is None:
        raise not_found("service")
    practitioner = None
    if query.practitioner is not None:
        practitioner = (
            Practitioner.objects.active().filter(slug=query.practitioner).first()
            if _SLUG.fullmatch(query.practitioner)
            else None
        )
        if practitioner is None:
            raise not_found("practitioner")
    rules, slots = candidate_slots(
        service=service,
        practitioner=practitioner,
        first_day=first_day,
        last_day=last_day,
        tz=zone,
        now=now,
        versions=versions,
    )
    # Built as plain JSON: a month holds hundreds of slots, and validating each one through the
    # response schema (AvailabilityOut, which documents this shape) would double the cost.
    # Each item is encoded once, when the answer is cached; a hit only joins bytes.
    items = [
        json.dumps(
            {
                "start": slot.start.astimezone(zone).isoformat(),
                "end": slot.end.astimezone(zone).isoformat(),
                "practitioner": person.slug,
            }
        ).encode()
        for slot, person in slots
    ]
    return rules.min_notice, rules.window, [slot.start for slot, _ in slots], items
