"""Fixtures for the outbox tests with real processes (tests/outbox/processes.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from craniocare.settings.operations import _TASK_BACKENDS
from tests.outbox.processes import MailServer, Workers

REDIS_TEST_URL = os.environ.get("OUTBOX_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def mail() -> Iterator[MailServer]:
    """A real SMTP server, not started yet: its port is known, nothing listens there."""
    server = MailServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mail_server(mail: MailServer) -> MailServer:
    """A real SMTP server, listening."""
    return mail.start()


def _redis_url() -> str:
    """The test's Redis database, emptied. Without Redis the test is skipped on a developer's
    machine and fails in CI (CI=true), where Redis runs on 127.0.0.1 (.ci/run starts it)."""
    import os

    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        message = f"Redis is not reachable at {REDIS_TEST_URL} ({error})"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes", "on"}:
            pytest.fail(message + ": the RQ backend must be tested in CI")
        pytest.skip(message + ": RQ tests skipped")
    client.flushdb()
    client.close()
    return REDIS_TEST_URL


@pytest.fixture(params=["db", "rq"])
def backend(request: pytest.FixtureRequest, settings: Any) -> Iterator[str]:
    """The task queue, in the test process (which queues the workers' nudges) and in the
    workers: django-tasks' database queue, or Redis Queue through django-tasks-rq."""
    name: str = request.param
    if name == "rq":
        url = _redis_url()
        settings.REDIS_URL = url
        settings.RQ_QUEUES = {"default": {"URL": url, "DEFAULT_TIMEOUT": 300}}
    settings.TASKS_BACKEND = name
    settings.TASKS = _TASK_BACKENDS[name]
    yield name
    if name == "rq":
        import redis

        redis.Redis.from_url(REDIS_TEST_URL).flushdb()


@pytest.fixture
def db_queue(settings: Any) -> str:
    """The database queue in the test process too: what a request queues, a worker runs."""
    settings.TASKS_BACKEND = "db"
    settings.TASKS = _TASK_BACKENDS["db"]
    return "db"


@pytest.fixture
def workers(
    transactional_db: Any, tmp_path: Path, settings: Any
) -> Iterator[Callable[..., Workers]]:
    """`workers(mail_port=..., **env)` -> Workers on the test database and the test's queue.
    Every worker is killed before the database is emptied for the next test."""
    made: list[Workers] = []

    def make(*, mail_port: int, **env: str) -> Workers:
        extra = dict(env)
        if settings.TASKS_BACKEND == "rq":
            extra.setdefault("REDIS_URL", settings.REDIS_URL)
        group = Workers(
            tmp_path / f"workers-{len(made) + 1}",
            backend=settings.TASKS_BACKEND,
            mail_port=mail_port,
            **extra,
        )
        made.append(group)
        return group

    try:
        yield make
    finally:
        for group in made:
            group.stop_all()
