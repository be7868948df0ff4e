"""POST /api/v1/bookings and POST /api/v1/bookings/{uid}/cancel"""

from __future__ import annotations

import json
from datetime import tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from craniocare.bookings.access import access_booking
from craniocare.bookings.models import Booking, Source
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import BookingResult, booking_cancel, booking_create
from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.lib.parsing import InvalidInput, clean_text
from craniocare.scheduling.models import Practitioner

from .errors import ApiError, enforce_rate_limit, not_found
from .schemas import BookingIn, BookingOut, CancelIn, CancelOut, ErrorOut

router = Router(tags=["bookings"])


def _validation_detail(error: ValidationError) -> list[dict[str, Any]]:
    fields = {"booked_tz": "timezone"}
    if hasattr(error, "error_dict"):
        return [
            {"loc": ["body", fields.get(field, field)], "msg": " ".join(messages)}
            for field, messages in error.message_dict.items()
        ]
    return [{"loc": ["body"], "msg": " ".join(error.messages)}]


def _booking_out(request: HttpRequest, result: BookingResult, zone: tzinfo) -> BookingOut:
    booking = result.booking
    return BookingOut(
        uid=booking.uid,
        status=booking.status,
        service=booking.service.slug,
        practitioner=booking.practitioner.slug,
        start=booking.start.astimezone(zone).isoformat(),
        end=booking.end.astimezone(zone).isoformat(),
        manage_url=request.build_absolute_uri(booking.manage_path(result.manage_token)),
    )


@router.post(
    "/bookings",
    response={
        201: BookingOut,
        400: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
)
def create_booking(
    request: HttpRequest, response: HttpResponse, payload: BookingIn
) -> Status[BookingOut]:
    """Book an offered slot. The start is checked again on the server; a start that is not an
    offered slot (taken, off-grid, past, inside notice) answers 409 slot_unavailable."""
    enforce_rate_limit(request, "api_booking")
    if payload.start.tzinfo is None or payload.start.utcoffset() is None:
        raise ApiError(
            422, "invalid", [{"loc": ["body", "start"], "msg": "Give an offset, e.g. Z or -05:00."}]
        )
    service = Service.objects.active().filter(slug=payload.service).first()
    if service is None:
        raise not_found("service")
    practitioner = None
    if payload.practitioner is not None:
        practitioner = Practitioner.objects.active().filter(slug=payload.practitioner).first()
        if practitioner is None:
            raise not_found("practitioner")
    try:
        result = booking_create(
            service=service,
            start=payload.start,  # outside 2000-2100 it is simply not offered: 409
            client=ClientDetails(
                name=payload.client.name,
                email=payload.client.email,
                phone=payload.client.phone or "",
            ),
            source=Source.API,
            booked_tz=payload.timezone or PracticeProfile.load().time_zone,
            practitioner=practitioner,
            notes=payload.notes or "",
            first_visit=payload.first_visit,
            idempotency_key=payload.idempotency_key,
        )
    except ValidationError as error:
        raise ApiError(422, "invalid", _validation_detail(error)) from error
    if not result.created:
        response["Idempotent-Replayed"] = "true"
    # Times come back in the zone the client named, else with the offset the start was sent in.
    zone = ZoneInfo(payload.timezone) if payload.timezone else payload.start.tzinfo
    assert zone is not None
    return Status(201, _booking_out(request, result, zone))


def _bearer_token(request: HttpRequest) -> str:
    scheme, _, token = str(request.headers.get("Authorization", "")).partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _cancel_reason(request: HttpRequest) -> str:
    """The optional {"reason": "..."} of a cancel request. Anything else in the body is ignored:
    a cancel with a valid token never fails over its body."""
    if request.content_type != "application/json" or not request.body:
        return ""
    try:
        data = json.loads(request.body)
    except ValueError:
        return ""
    reason = data.get("reason") if isinstance(data, dict) else None
    if not isinstance(reason, str):
        return ""
    try:
        return clean_text(reason, max_length=1000)
    except InvalidInput:
        return ""  # a cancel with a valid token never fails over its optional reason


@router.post(
    "/bookings/{uid}/cancel",
    response={200: CancelOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut},
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": CancelIn.model_json_schema()}},
        },
        "parameters": [
            {
                "in": "header",
                "name": "Authorization",
                "required": True,
                "schema": {"type": "string"},
                "description": "Bearer <token from the manage_url>",
            }
        ],
    },
)
def cancel_booking(request: HttpRequest, uid: str) -> CancelOut:
    """Cancel a booking with the token of its manage link (`Authorization: Bearer <token>`).
    Allowed until the service's cancellation cutoff; the slot is offered again at once."""
    enforce_rate_limit(request, "api_booking")
    try:
        booking = access_booking(uid, _bearer_token(request))
    except (Booking.DoesNotExist, PermissionDenied) as error:
        # One answer for an unknown uid and a wrong token, so a uid cannot be confirmed.
        raise not_found("booking with this token") from error
    booking = booking_cancel(booking=booking, reason=_cancel_reason(request), by_client=True)
    return CancelOut(uid=booking.uid, status=booking.status)
