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

Invalidation: a content version lives in the shared, database-backed cache (`caches["default"]`).
`bump_content_version()` (called from signals whenever content changes: each app registers its
public models with `register_public_content` in its `AppConfig.ready()`) writes a new one and
drops this process's pages at once; every process reads the version at most once a second and
drops its pages when it has changed. When the shared cache cannot be read, pages are served
uncached (fail open) and the problem is logged once.
"""

from __future__ import annotations

import gzip
import logging
import math
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

MARKER_HEADER = "X-CranioCare-Public-Page"
"""Set by `public_page` on responses that may be cached; never sent to a client."""
_MARKER = MARKER_HEADER.lower()

VERSION_KEY = "craniocare:content-version"
CHECK_INTERVAL = 1.0  # seconds between two reads of the shared content version
MAX_ENTRIES = 500
MAX_BODY_BYTES = 1024 * 1024
GZIP_MIN_BYTES = 512

Headers = list[tuple[str, str]]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


# --- The content version ---------------------------------------------------------------------


class ContentVersion:
    """This process's view of the shared content version, as a local generation number.

    The generation goes up whenever this process learns that content changed (its own bump, or
    a new version written by another process); anything cached under an older generation is
    stale. `generation()` is None while the shared version cannot be read: cache nothing then.
    """

    def __init__(self) -> None:
        self._check_lock = threading.Lock()
        self._generation_lock = threading.Lock()
        self._generation = 0
        self._known: object = None
        self._healthy = False
        self._checked_at = -math.inf
        self._warned = False

    def generation(self, *, outside_request: bool = False) -> int | None:
        """The current generation, reading the shared version if a second has passed."""
        now = time.time()
        due = now - self._checked_at >= CHECK_INTERVAL or now < self._checked_at
        if due and self._check_lock.acquire(blocking=False):
            try:
                self._check(now, outside_request=outside_request)
            finally:
                self._check_lock.release()
        return self._generation if self._healthy else None

    def peek(self) -> int | None:
        """The current generation, without reading the shared version."""
        return self._generation if self._healthy else None

    def bump(self) -> None:
        """Content changed: tell every process (through the shared cache) and this one now."""
        token = secrets.token_hex(8)
        cache: Any = caches["default"]  # a DatabaseCache
        try:
            # In a savepoint, so that a failure cannot break the transaction saving content.
            with transaction.atomic(using=router.db_for_write(cache.cache_model_class)):
                cache.set(VERSION_KEY, token, timeout=None)
        except Exception:
            self._warn("could not write the content version; other processes may show old pages")
        else:
            self._known = token
        self.invalidate()
        # A page rendered by another thread before the change commits must not outlive it.
        transaction.on_commit(self.invalidate)

    def invalidate(self) -> None:
        with self._generation_lock:
            self._generation += 1

    def reset(self) -> None:
        """Forget everything, as a fresh process would (tests)."""
        with self._check_lock:
            self.invalidate()
            self._known = None
            self._healthy = False
            self._checked_at = -math.inf

    def _check(self, now: float, *, outside_request: bool) -> None:
        self._checked_at = now
        try:
            value = _read_shared_version(tidy=outside_request)
        except Exception:
            self._warn("cannot read the content version; serving public pages uncached")
            if self._healthy:
                self._healthy = False
                self.invalidate()
            return
        if not self._healthy or value != self._known:
            # First check, recovery from an outage, or another process changed content.
            self.invalidate()
        if self._warned:
            logger.info("Page cache: the shared cache works again.")
            self._warned = False
        self._known = value
        self._healthy = True

    def _warn(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            logger.warning("Page cache: %s.", message, exc_info=True)


def _read_shared_version(*, tidy: bool) -> object:
    cache: Any = caches["default"]  # a DatabaseCache
    alias = router.db_for_read(cache.cache_model_class) or "default"
    connection = connections[alias]
    if connection.in_atomic_block:
        # A savepoint, so that a missing table cannot break the surrounding transaction.
        with transaction.atomic(using=alias):
            return cache.get(VERSION_KEY)
    try:
        return cache.get(VERSION_KEY)
    finally:
        if tidy:
            # Outside a Django request nobody else closes an obsolete connection; do what
            # Django does when a request finishes (keeps it when CONN_MAX_AGE allows).
            connection.close_if_unusable_or_obsolete()


content_version = ContentVersion()


def bump_content_version() -> None:
    """Call whenever something shown on public pages changes (signals do it for the models)."""
    content_version.bump()


def content_generation() -> int | None:
    """For small per-process caches of content (the practice profile): the generation to key
    them by, or None when they must not be used."""
    return content_version.generation()


def _content_changed(**kwargs: Any) -> None:
    bump_content_version()


def register_public_content(*models: type[Model], relations: Iterable[type[Model]] = ()) -> None:
    """Bump the content version on every save or delete of `models` (their rows appear on
    public pages), and on every change of the many-to-many `relations` (their ``through``
    models, e.g. ``Post.tags.through``).

    Each app calls it for its own models from its ``AppConfig.ready()``, so this module never
    needs to know them (core sits below every app that has public content).
    """
    for model in models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=uid + ":delete")
    for through in relations:
        uid = f"pagecache:{through._meta.label}:m2m"
        m2m_changed.connect(_content_changed, sender=through, dispatch_uid=uid)


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
