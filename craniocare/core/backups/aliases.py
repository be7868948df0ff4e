"""Temporary database aliases: a backup's snapshot or a scratch database, read through the ORM
with the same code (and so the same value conversions) as the live database."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.utils import load_backend


@contextmanager
def temporary_alias(settings_dict: dict[str, Any]) -> Iterator[str]:
    """A connection alias for `settings_dict` that exists for the `with` block only."""
    alias = f"backup_{secrets.token_hex(4)}"
    config = {**settings_dict, "TEST": {}}
    config = connections.configure_settings({"default": {}, alias: config})[alias]
    # Set on this thread only, not added to settings: Django treats it as a connection made at
    # run time (the test runner allows such connections too).
    connection = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    connections[alias] = connection
    try:
        yield alias
    finally:
        connection.close()
        del connections[alias]


def sqlite_settings(path: str) -> dict[str, Any]:
    """Connection settings for a SQLite file, like the project's own SQLite settings."""
    default = connections["default"].settings_dict
    if default["ENGINE"] == "django.db.backends.sqlite3":
        return {**default, "NAME": path}
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {"timeout": 20, "init_command": "PRAGMA foreign_keys=ON;"},
    }
