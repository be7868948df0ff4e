"""Availability answers kept per process, and the WSGI fast path that serves them.

An answer (a superset of slots for a five-minute bucket, each slot's JSON encoded once) is
stored by the API view under the availability versions it was computed with
(craniocare/core/availability_version.py) and cut to the exact notice and window of `now` when
it is served. `AvailabilityFastPath` wraps the WSGI application (craniocare/wsgi.py): a GET of
/api/v1/availability whose query string Django has already answered is served from the stored
answer, after reading the versions (one small query), without entering Django; anything else,
a new version or a new bucket goes through Django, which stores the new answer.

Only what Django accepted is served: the same scheme, host and query string, with the headers
Django's 200 carried (security headers included), for requests without cookies or
Authorization. Rate limits count the fast answers as Django counts its own.
"""

from __future__ import annotations

import json
import logging
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, connections
from django.utils import timezone

from craniocare.bookings.free_times import Versions, time_bucket
from craniocare.core import ratelimit
from craniocare.core.availability_version import LruCache, availability_versions
from craniocare.core.pagecache import PublicPageCache

logger = logging.getLogger("craniocare.api")

PATH = "/api/v1/availability"

# (service slug, practitioner slug or None, first day, last day, zone name)
Params = tuple[str, str | None, date, date, str]
# (notice, window, slot starts in UTC, JSON items): a superset for a time bucket
Answer = tuple[timedelta, timedelta, list[datetime], list[bytes]]
Headers = list[tuple[str, str]]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

_ANSWERS = LruCache(size=1024)
_QUERIES = LruCache(size=4096)  # raw query string -> Params, for queries Django answered
_SKIPPED_HEADERS = {"content-length", "date", "set-cookie"}


def answer_key(versions: Versions, params: Params, now: datetime) -> tuple[object, ...]:
    return (versions, *params, time_bucket(now))


def stored_answer(key: tuple[object, ...]) -> Answer | None:
    found: Answer | None = _ANSWERS.get(key)
    return found


def store_answer(key: tuple[object, ...], answer: Answer, query_string: str) -> None:
    _ANSWERS.set(key, answer)
    params = key[1:-1]
    _QUERIES.set(query_string, params)


def render(params: Params, answer: Answer, now: datetime) -> bytes:
    """The JSON body at `now`: the answer's slots cut at the notice and the window."""
    notice, window, starts, items = answer
    # Slots are sorted by start: the notice and the window cut the list at its two ends.
    shown = items[bisect_left(starts, now + notice) : bisect_right(starts, now + window)]
    head = json.dumps({"service": params[0], "timezone": params[4]})[:-1].encode()
    return b"".join((head, b', "slots": [', b", ".join(shown), b"]}"))


class AvailabilityFastPath:
    """Serves stored availability answers without entering Django (see the module docstring)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self._headers: dict[tuple[str, str], Headers] = {}  # (scheme, host) -> Django's headers

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if (
            environ.get("PATH_INFO") != PATH
            or environ.get("REQUEST_METHOD") != "GET"
            or environ.get("SCRIPT_NAME")
            or environ.get("HTTP_COOKIE")
            or environ.get("HTTP_AUTHORIZATION")
        ):
            return self.app(environ, start_response)
        scheme, host, _, query_string = PublicPageCache._key(environ)
        headers = self._headers.get((scheme, host))
        params: Params | None = _QUERIES.get(query_string)
        if headers is not None and params is not None:
            body = self._body(environ, params)
            if body is not None:
                sent = [*headers, ("Content-Length", str(len(body)))]
                start_response("200 OK", sent)
                return [body]
        return self._through_django(environ, start_response, (scheme, host))

    def _body(self, environ: dict[str, Any], params: Params) -> bytes | None:
        if settings.RATELIMITS_ENABLED:
            address = ratelimit.client_ip(WSGIRequest(environ))
            if not ratelimit.hit("api_read", address):
                return None  # Django answers the 429
        now = timezone.now()
        try:
            versions = availability_versions()
        except DatabaseError:  # a dropped connection: let Django's request cycle handle it
            logger.warning("availability fast path: reading the versions failed", exc_info=True)
            for connection in connections.all(initialized_only=True):
                connection.close_if_unusable_or_obsolete()
            return None
        answer = stored_answer(answer_key(versions, params, now))
        return None if answer is None else render(params, answer, now)

    def _through_django(
        self, environ: dict[str, Any], start_response: StartResponse, origin: tuple[str, str]
    ) -> Iterable[bytes]:
        def capture(status: str, headers: Headers, exc_info: Any = None) -> Any:
            if status.startswith("200 ") and not any(
                name.lower() == "set-cookie" for name, _ in headers
            ):
                self._headers[origin] = [
                    (name, value) for name, value in headers if name.lower() not in _SKIPPED_HEADERS
                ]
            return start_response(status, headers, exc_info)

        return self.app(environ, capture)
