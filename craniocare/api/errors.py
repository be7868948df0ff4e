"""The API's error answers: always `{"error": "<code>", "detail": ...}` (DESIGN.md rule 7)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from craniocare.core import ratelimit

ZONE_MESSAGE = (
    "Give an IANA time zone a person lives in, such as America/Toronto, Europe/London or UTC "
    "(not localtime, Factory, Etc/… or legacy aliases such as US/Eastern)."
)


class ApiError(Exception):
    """Raise in a view to answer `status` with `{"error": code, "detail": detail}`."""

    def __init__(self, status: int, code: str, detail: Any = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.detail = detail


class RateLimited(ApiError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(429, "rate_limited", "Too many requests; try again shortly.")
        self.retry_after = retry_after


def enforce_rate_limit(request: HttpRequest, rule: str) -> None:
    """Count a hit of `rule` for the client's address; RateLimited when over the limit."""
    if not ratelimit.hit(rule, ratelimit.client_ip(request)):
        raise RateLimited(ratelimit.retry_after(rule))


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"No such {what}.")
