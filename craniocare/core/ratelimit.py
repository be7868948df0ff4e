"""Fixed-window rate limits that count across every worker process.

    if not ratelimit.hit("contact", client_ip(request)):
        ...  # answer 429

Limits come from ``settings.RATELIMITS[rule] = (count, seconds)``: at most ``count`` hits per
key in each window of ``seconds`` (windows are aligned to the Unix epoch, so a limit of one hour
resets on the hour). ``settings.RATELIMITS_ENABLED = False`` (env ``CRANIOCARE_RATELIMITS=off``,
for load tests only) lets everything through.

Counters live in the ``default`` cache, a DatabaseCache, so they are shared by all processes. The
cache API has no atomic increment on that backend (``incr`` is a read then a write), so instead
every window has ``count`` numbered slots and a hit claims the first free one with ``add()``,
which the database makes atomic (IMMEDIATE transactions on SQLite, the primary key on
PostgreSQL): under any concurrency exactly ``count`` hits pass per window. One read finds where
the free slots start, so a hit usually costs two queries, and a hit over the limit one. Slots
cost one cache entry each, so rules allowing more than ``EXACT_UP_TO`` hits per window use a
single counter instead, read then written: cheap, but a burst of simultaneous hits may pass a
few more than the limit. Give the ``default`` cache a MAX_ENTRIES well above the number of
clients expected per window, or culling forgets counts early (and lets hits through).

Why hand-written, not django-ratelimit: django-ratelimit needs a cache with an atomic
increment (its installation guide names Redis and Memcached, and says the database backend has
none: counts then race and let more through). The shared cache here is the DatabaseCache, so
that nothing else has to run beside the app; the slots above give exact limits on it.

The limiter is a brake on abuse, not a security boundary: when the cache itself fails (a missing
``createcachetable``, a locked database) the error is logged and the hit is let through, so a
broken counter never turns real visitors away.

Client address: ``client_ip()`` uses ``REMOTE_ADDR``. ``X-Forwarded-For`` is trusted only when
the connection comes from an address in ``settings.TRUSTED_PROXIES`` (env
``CRANIOCARE_TRUSTED_PROXIES``), and then only its last entry, the one that proxy added: any
visitor can write the rest. Behind a reverse proxy that is not listed, every visitor shares the
proxy's address and one limit.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.http import HttpRequest

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"  # the DatabaseCache (settings.CACHES)
EXACT_UP_TO = 20  # rules allowing at most this many hits per window are counted exactly


def _limits(rule: str) -> tuple[int, int]:
    count, seconds = settings.RATELIMITS[rule]
    return int(count), int(seconds)


def _window(seconds: int, now: float) -> tuple[int, int]:
    """The current window's number and the whole seconds until it ends (at least 1)."""
    number = int(now // seconds)
    remaining = max(1, math.ceil((number + 1) * seconds - now))
    return number, remaining


def hit(rule: str, key: str) -> bool:
    """Count one hit of `rule` for `key`; False when the limit for this window is used up."""
    if not settings.RATELIMITS_ENABLED:
        return True
    count, seconds = _limits(rule)
    if count <= 0:
        return False
    number, remaining = _window(seconds, time.time())
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    prefix = f"rl:{rule}:{digest}:{number}"
    # Entries expire a little after their window ends; the window number in the key keeps
    # windows apart, so expiry only tidies up.
    timeout = remaining + 5
    try:
        # A savepoint, so that a failing cache query cannot poison the caller's transaction
        # (PostgreSQL aborts the whole transaction on any error inside it).
        with transaction.atomic():
            if count <= EXACT_UP_TO:
                return _claim_slot(prefix, count, timeout, rule)
            return _count(prefix, count, timeout)
    except DatabaseError:
        logger.exception("Rate limit %r: the shared cache failed; letting the hit through.", rule)
        return True


def _claim_slot(prefix: str, count: int, timeout: int, rule: str) -> bool:
    """Exact: claim the first free one of `count` numbered slots with an atomic add()."""
    cache = caches[CACHE_ALIAS]
    slots = [f"{prefix}:{n}" for n in range(count)]
    taken = cache.get_many(slots)
    first_free = next((n for n, slot in enumerate(slots) if slot not in taken), count)
    for slot in slots[first_free:]:
        if cache.add(slot, 1, timeout):
            return True
    # Every add failed: either other hits took the slots (over the limit) or the writes
    # themselves failed (DatabaseCache.add answers False on a database error). Tell them apart.
    if len(cache.get_many(slots)) >= count:
        return False
    logger.error("Rate limit %r: could not record a hit; letting it through.", rule)
    return True


def _count(prefix: str, count: int, timeout: int) -> bool:
    """Approximate: one counter, read then written, so simultaneous hits may count once.

    (cache.incr would be no better on this backend, and it resets the entry's timeout.)
    """
    cache = caches[CACHE_ALIAS]
    counter = f"{prefix}:n"
    seen = int(cache.get(counter) or 0)
    if seen >= count:
        return False
    cache.set(counter, seen + 1, timeout)
    return True


def retry_after(rule: str) -> int:
    """Seconds until the current window of `rule` ends (for a Retry-After header)."""
    _, seconds = _limits(rule)
    return _window(seconds, time.time())[1]


def window_text(rule: str) -> str:
    """The length of `rule`'s window in words: "an hour", "15 minutes", "2 hours"."""
    _, seconds = _limits(rule)
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return "an hour" if hours == 1 else f"{hours} hours"
    if seconds % 60 == 0:
        minutes = seconds // 60
        return "a minute" if minutes == 1 else f"{minutes} minutes"
    return f"{seconds} seconds"


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or, when the connection comes from one of
    settings.TRUSTED_PROXIES, the address that proxy appended to X-Forwarded-For."""
    remote = _address(str(request.META.get("REMOTE_ADDR", "") or ""))
    if remote in settings.TRUSTED_PROXIES:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "") or "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            # The proxy appends the address it saw last; anything before it the client wrote.
            return _address(hops[-1])
    return remote


def _address(value: str) -> str:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return value[:64]  # a unix socket or a misconfigured proxy: still a (shared) key
