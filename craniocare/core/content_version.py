"""The content version: how a change of public content reaches the page cache of every process.

Invalidation: a content version lives in the shared, database-backed cache (`caches["default"]`).
`bump_content_version()` (called from signals whenever content changes: each app registers its
public models with `register_public_content` in its `AppConfig.ready()`) writes a new one and
drops this process's pages at once; every process reads the version at most once a second and
drops its pages when it has changed. When the shared cache cannot be read, pages are served
uncached (fail open) and the problem is logged once.
"""

from __future__ import annotations

import logging
import math
import secrets
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.core.cache import caches
from django.db import connections, router, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger("craniocare.core.pagecache")

VERSION_KEY = "craniocare:content-version"
CHECK_INTERVAL = 1.0  # seconds between two reads of the shared content version


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
