"""A per-process cache of public pages at the WSGI level, invalidated across processes.

`PublicPageCache` wraps the Django WSGI application (craniocare/wsgi.py). A hit is answered
without entering Django at all: no middleware, no URL resolving, no template. Only responses
that a view opted into are stored (`craniocare.core.caching.public_page` sets a private marker
header, which is removed before anything is sent), and only when it is safe:

- the request is a GET (a HEAD is answered from a stored GET) without `HX-Request`,
  `Authorization` or any cookie but the CSRF one (a session, a pending message: not anonymous);
- the response is a 200 that sets no cookie and is not marked private/no-store/no-cache;
- its query string only holds parameters the view declared (`?page=`).

The key is scheme (X-Forwarded-Proto when Django trusts it), host, path and query string; at
most `max_entries` pages are kept (least recently used go first), each for
`settings.PUBLIC_PAGE_CACHE_SECONDS`. Every header of the original response is kept in order;
`Content-Length` is set and `Accept-Encoding` joins `Vary`, because clients that accept gzip get
a copy compressed once when the page is stored.

Invalidation: pages are stored under the content generation of
craniocare/core/content_version.py and dropped when it changes.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .content_version import ContentVersion, content_version

MARKER_HEADER = "X-CranioCare-Public-Page"
"""Set by `public_page` on responses that may be cached; never sent to a client."""
_MARKER = MARKER_HEADER.lower()

MAX_ENTRIES = 500
MAX_BODY_BYTES = 1024 * 1024
GZIP_MIN_BYTES = 512

Headers = list[tuple[str, str]]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


# --- The WSGI wrapper ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    generation: int
    expires: float
    status: str
    headers: Headers
    body: bytes
    gzip_headers: Headers | None
    gzip_body: bytes | None

    def serve(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        if self.gzip_body is not None and _accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING")):
            headers, body = self.gzip_headers, self.gzip_body
        else:
            headers, body = self.headers, self.body
        start_response(self.status, list(headers or ()))
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]


class PublicPageCache:
    """WSGI middleware: serves opted-in public pages from memory. See the module docstring."""

    def __init__(
        self,
        app: WSGIApp,
        *,
        max_entries: int = MAX_ENTRIES,
        versions: ContentVersion = content_version,
    ) -> None:
        self.app = app
        self.max_entries = max_entries
        self.versions = versions
        self._entries: OrderedDict[tuple[str, str, str, str], _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._entries_generation = -1

    def __len__(self) -> int:
        return len(self._entries)

    def cached_keys(self) -> list[tuple[str, str, str, str]]:
        """The keys held, least recently used first."""
        with self._lock:
            return list(self._entries)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        ttl = settings.PUBLIC_PAGE_CACHE_SECONDS
        if (method == "GET" or method == "HEAD") and ttl > 0 and _anonymous(environ):
            generation = self.versions.generation(outside_request=True)
            if generation is not None:
                key = self._key(environ)
                entry = self._lookup(key, generation)
                if entry is not None:
                    return entry.serve(environ, start_response)
                if method == "GET":
                    return self._fill(environ, start_response, key, generation, ttl)
        return self._pass(environ, start_response)

    # -- lookups

    @staticmethod
    def _key(environ: dict[str, Any]) -> tuple[str, str, str, str]:
        scheme = environ.get("wsgi.url_scheme", "http")
        proxy_header = settings.SECURE_PROXY_SSL_HEADER
        if proxy_header:  # the same reading as django.http.HttpRequest.scheme
            header, secure_value = proxy_header
            forwarded = environ.get(header)
            if forwarded is not None:
                forwarded = forwarded.split(",", 1)[0]
                scheme = "https" if forwarded.strip() == secure_value else "http"
        host = environ.get("HTTP_HOST") or "{}:{}".format(
            environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT", "")
        )
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        return scheme, host, path, environ.get("QUERY_STRING", "")

    def _lookup(self, key: tuple[str, str, str, str], generation: int) -> _Entry | None:
        with self._lock:
            if generation != self._entries_generation:
                if generation > self._entries_generation:
                    self._entries.clear()  # content changed: every page may show it
                    self._entries_generation = generation
                return None
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.expires <= time.time():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def _store(self, key: tuple[str, str, str, str], entry: _Entry) -> None:
        with self._lock:
            # A page rendered while content changed under it is served once, never stored.
            if entry.generation != self._entries_generation:
                return
            if self.versions.peek() != entry.generation:
                return
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    # -- misses

    def _pass(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        def start_without_marker(status: str, headers: Headers, exc_info: Any = None) -> Any:
            return start_response(status, _without_marker(headers), exc_info)

        return self.app(environ, start_without_marker)

    def _fill(
        self,
        environ: dict[str, Any],
        start_response: StartResponse,
        key: tuple[str, str, str, str],
        generation: int,
        ttl: int,
    ) -> Iterable[bytes]:
        captured: list[tuple[str, Headers]] = []
        written: list[bytes] = []

        def capture(status: str, headers: Headers, exc_info: Any = None) -> Any:
            if exc_info is None and _storable(status, headers, environ.get("QUERY_STRING", "")):
                captured.append((status, headers))
                return written.append
            captured.clear()
            return start_response(status, _without_marker(headers), exc_info)

        result = self.app(environ, capture)
        if not captured:
            return result  # passed through untouched (streaming and file responses stay so)
        try:
            body = b"".join([*written, *result])
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status, headers = captured[0]
        entry = _make_entry(status, headers, body, generation, time.time() + ttl)
        if len(body) <= MAX_BODY_BYTES:
            self._store(key, entry)
        return entry.serve(environ, start_response)


def _anonymous(environ: dict[str, Any]) -> bool:
    """True when the response cannot depend on who is asking."""
    if "HTTP_HX_REQUEST" in environ or "HTTP_AUTHORIZATION" in environ:
        return False
    cookies = environ.get("HTTP_COOKIE")
    if cookies:
        csrf_cookie = settings.CSRF_COOKIE_NAME
        for part in cookies.split(";"):
            name = part.split("=", 1)[0].strip()
            if name and name != csrf_cookie:
                return False  # a session, a pending message, anything else: not anonymous
    return True


def _marker_value(headers: Headers) -> str | None:
    for name, value in headers:
        if name.lower() == _MARKER:
            return value
    return None


def _storable(status: str, headers: Headers, query_string: str) -> bool:
    marker = _marker_value(headers)
    if marker is None or not status.startswith("200"):
        return False
    for name, value in headers:
        lower = name.lower()
        if lower == "set-cookie":
            return False
        if lower == "cache-control" and any(
            word in value.lower() for word in ("private", "no-store", "no-cache")
        ):
            return False
    if query_string:
        allowed = _allowed_query(marker)
        for pair in query_string.split("&"):
            if pair and pair.split("=", 1)[0] not in allowed:
                return False
    return True


def _allowed_query(marker: str) -> set[str]:
    for part in marker.split(";"):
        name, _, value = part.strip().partition("=")
        if name == "query":
            return {item.strip() for item in value.split(",") if item.strip()}
    return set()


def _without_marker(headers: Headers) -> Headers:
    return [(name, value) for name, value in headers if name.lower() != _MARKER]


def _make_entry(
    status: str, headers: Headers, body: bytes, generation: int, expires: float
) -> _Entry:
    base = _with_vary_accept_encoding(
        [(n, v) for n, v in headers if n.lower() not in (_MARKER, "content-length")]
    )
    plain = [*base, ("Content-Length", str(len(body)))]
    gzip_headers = gzip_body = None
    has_etag = any(n.lower() in ("etag", "content-encoding") for n, _ in base)
    if len(body) >= GZIP_MIN_BYTES and not has_etag:
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        if len(compressed) < len(body):
            gzip_body = compressed
            gzip_headers = [
                *base,
                ("Content-Encoding", "gzip"),
                ("Content-Length", str(len(compressed))),
            ]
    return _Entry(generation, expires, status, plain, body, gzip_headers, gzip_body)


def _with_vary_accept_encoding(headers: Headers) -> Headers:
    out: Headers = []
    found = False
    for name, value in headers:
        if name.lower() == "vary" and not found:
            found = True
            tokens = {token.strip().lower() for token in value.split(",")}
            if "accept-encoding" not in tokens and "*" not in tokens:
                value = f"{value}, Accept-Encoding" if value.strip() else "Accept-Encoding"
        out.append((name, value))
    if not found:
        out.append(("Vary", "Accept-Encoding"))
    return out


def _accepts_gzip(accept_encoding: str | None) -> bool:
    if not accept_encoding or "gzip" not in accept_encoding:
        return False
    for part in accept_encoding.split(","):
        coding, _, params = part.partition(";")
        if coding.strip().lower() != "gzip":
            continue
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False
