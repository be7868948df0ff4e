"""Availability versions: what makes cached free times never stale, across processes.

Every write that can change free times bumps a counter in the same transaction: bookings,
weekly hours, overrides, time off and holiday openings bump their practitioner's scope
(`practitioner_scope(pk)`); services, practitioners and practice settings bump the practice
scope. A cached availability answer is keyed by the versions it was computed under, and the
versions are read from the database (one small query) before every lookup, so a write committed
by any process is seen by the very next answer of every process.

The bumps come from model signals (`track_availability`, registered by each app in `ready()`)
and, for the queryset updates that send no signals, from explicit `bump_availability` calls.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable
from datetime import datetime
from threading import Lock
from typing import Any

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import AvailabilityVersion

__all__ = [
    "PRACTICE",
    "LruCache",
    "availability_versions",
    "bump_availability",
    "practitioner_scope",
    "track_availability",
    "track_practice_m2m",
    "versions_of",
]

PRACTICE = "practice"
_TABLE = AvailabilityVersion._meta.db_table
_READ_ALL = f'SELECT "scope", "value" FROM "{_TABLE}" ORDER BY "scope"'  # noqa: S608 (constant)


def practitioner_scope(practitioner_id: int) -> str:
    return f"practitioner:{practitioner_id}"


def bump_availability(*scopes: str) -> None:
    """Give `scopes` new versions in the current transaction.

    A new version is a fresh random number rather than the old one plus one: a transaction that
    bumps, reads availability (caching it under its own, uncommitted version) and then rolls
    back must not leave an entry that a later, committed bump would find under the same number.
    """
    now = timezone.now()
    for scope in dict.fromkeys(scopes):
        value = secrets.randbits(62)
        rows = AvailabilityVersion.objects.filter(scope=scope)
        if rows.update(value=value, changed_at=now):
            continue
        try:
            with transaction.atomic():  # a savepoint: a concurrent first bump may win
                AvailabilityVersion.objects.create(scope=scope, value=value, changed_at=now)
        except IntegrityError:
            rows.update(value=value, changed_at=now)


def availability_versions() -> tuple[tuple[str, int], ...]:
    """Every scope's version, sorted: one query over a table of (practitioners + 1) rows.

    Plain SQL: it runs before every availability answer, and building the ORM query would cost
    more than running it."""
    alias = router.db_for_read(AvailabilityVersion)
    with connections[alias].cursor() as cursor:
        cursor.execute(_READ_ALL)
        return tuple(cursor.fetchall())


def versions_of(*scopes: str) -> list[tuple[str, int, datetime]]:
    """The versions of `scopes` that exist, with when each last changed; one query."""
    rows = AvailabilityVersion.objects.filter(scope__in=scopes).order_by("scope")
    return list(rows.values_list("scope", "value", "changed_at"))


def track_availability(model: type[Model], scopes: Callable[[Any], list[str]]) -> None:
    """Bump `scopes(instance)` whenever an instance of `model` is saved or deleted."""

    def changed(sender: type[Model], instance: Any, **kwargs: Any) -> None:
        if not kwargs.get("raw"):
            bump_availability(*scopes(instance))

    uid = f"availability:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":delete")


def track_practice_m2m(through: type[Model]) -> None:
    """Bump the practice version when a many-to-many relation changes (who offers what)."""

    def changed(sender: type[Model], action: str, **kwargs: Any) -> None:
        if action in ("post_add", "post_remove", "post_clear"):
            bump_availability(PRACTICE)

    m2m_changed.connect(
        changed, sender=through, weak=False, dispatch_uid=f"availability:{through._meta.label}"
    )


class LruCache:
    """A small per-process least-recently-used cache (thread-safe); keys carry the versions,
    so entries of old versions are simply never asked for again and age out."""

    def __init__(self, size: int = 512) -> None:
        self._size = size
        self._items: dict[Hashable, Any] = {}
        self._lock = Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            value = self._items.pop(key, None)
            if value is not None:
                self._items[key] = value  # most recent last
            return value

    def set(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items.pop(key, None)
            self._items[key] = value
            while len(self._items) > self._size:
                del self._items[next(iter(self._items))]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
