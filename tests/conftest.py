"""Shared fixtures: mail servers, fresh caches, a real Chromium (Playwright), the named people
(tests/personas.py) and the pinned clock (tests/clock.py). Helpers live in modules beside this
one: tests/smtp.py, tests/browsing.py, tests/factories.py, tests/signin.py."""

from __future__ import annotations

import os

# Tests talk plain HTTP to the test client and the live server; TLS redirects would get in the way.
os.environ.setdefault("CRANIOCARE_TLS", "off")
# Playwright's sync API runs an event loop in the test thread; Django's ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import caches

from tests.browsing import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS
from tests.smtp import HangingSmtpServer, SmtpInbox, free_port

pytest_plugins = ["tests.personas", "tests.clock"]


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpInbox]:
    """A real SMTP server on 127.0.0.1; Django's SMTP backend is pointed at it."""
    inbox = SmtpInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def dead_smtp_server(settings: Any) -> None:
    """Points Django's SMTP backend at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def hanging_smtp_server(settings: Any) -> Iterator[HangingSmtpServer]:
    """Points Django's SMTP backend at a server that accepts and never answers."""
    server = HangingSmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def worker_queue(settings: Any) -> Any:
    """Background tasks go to the database queue, as in production, instead of running in the
    test's process: the nudge after a commit that wrote outbox rows only queues a
    `deliver_outbox` task for the worker. Returns the queued tasks (django_tasks_db rows)."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return DBTaskResult.objects.all()


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """The per-process content cache (the practice profile) never leaks into the next test."""
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _fresh_shared_cache(request: pytest.FixtureRequest) -> Iterator[None]:
    """Rate-limit and login-throttling counters live in the database cache ("default"), which
    the test database's flushes do not empty; tests with database access start and end without
    them."""
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    caches["default"].clear()
    yield
    caches["default"].clear()


def _transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        (marker is not None and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _flushable_protected_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    """SQLite: the triggers that protect audit events and signed notes refuse the `DELETE FROM`
    a transactional test's flush runs; they are dropped just before it and restored when the
    next test starts (tests/dbprotection.py). Set up after the database fixture, so that this
    tears down first."""
    uses_db = (
        request.node.get_closest_marker("django_db") is not None
        or "db" in request.fixturenames
        or _transactional(request)
    )
    if not uses_db:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connection

    from tests.dbprotection import protection_off, protection_on, sqlite_protection_missing

    sqlite = connection.vendor == "sqlite"
    if sqlite and sqlite_protection_missing():
        protection_on()
    yield
    if sqlite and _transactional(request):
        protection_off()


@pytest.fixture
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright. Missing Chromium fails in CI, skips elsewhere."""
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + "; browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def desktop_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(db: Any) -> None:
    """The demo practice as `seed_demo` creates it."""
    from craniocare.demo.seed import seed_demo

    seed_demo()
