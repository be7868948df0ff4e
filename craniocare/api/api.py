"""CranioCare JSON API v1, mounted at /api/v1/ (DESIGN.md §4); OpenAPI at /api/v1/openapi.json.

Every error is `{"error": "<code>", "detail": ...}`. The interactive docs page is off: it would
load its scripts from a CDN, and nothing here may.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from craniocare.bookings.errors import BookingError

from . import availability, bookings, catalog
from .errors import ApiError, RateLimited

api = NinjaAPI(
    title="CranioCare API",
    version="1",
    description="Services, open times and online booking of the practice.",
    urls_namespace="api-v1",
    docs_url=None,
)

# Services refusals -> HTTP status.
_BOOKING_ERROR_STATUS = {
    "slot_unavailable": 409,
    "idempotency_conflict": 409,
    "cancellation_window_passed": 409,
    "not_changeable": 409,
}


def _error(request: HttpRequest, status: int, code: str, detail: Any = None) -> HttpResponse:
    return api.create_response(request, {"error": code, "detail": detail}, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    response = _error(request, exc.status, exc.code, exc.detail)
    if isinstance(exc, RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(BookingError)
def _booking_error(request: HttpRequest, exc: BookingError) -> HttpResponse:
    detail = (exc.__doc__ or "").strip().splitlines()[0] if exc.__doc__ else None
    return _error(request, _BOOKING_ERROR_STATUS.get(exc.code, 409), exc.code, detail)


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    detail = [
        {
            "loc": list(error.get("loc", [])),
            "msg": str(error.get("msg", "")),
            "type": str(error.get("type", "")),
        }
        for error in exc.errors
    ]
    # Bad query parameters make a bad request (400); a body that does not fit the schema is
    # unprocessable (422).
    in_query = all(item["loc"][:1] == ["query"] for item in detail) and detail
    return _error(request, 400 if in_query else 422, "invalid", detail)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        429: "rate_limited",
    }
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(SuspiciousOperation)
def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE and the like: a bad request, not a crash."""
    return _error(request, 400, "bad_request", "The request was refused.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "Not found.")


api.add_router("", catalog.router)
api.add_router("", availability.router)
api.add_router("", bookings.router)


def unknown_path(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any /api/v1/ address no operation answers: the API's JSON 404, not the site's HTML page."""
    body = {"error": "not_found", "detail": "No such API address; see /api/v1/openapi.json."}
    return JsonResponse(body, status=404)
