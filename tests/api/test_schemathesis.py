"""Schemathesis against /api/v1/openapi.json, in process through the WSGI app (issue 7: the fuzz
pass). Every generated request must get no 5xx and an answer that fits the schema it documents.

The budget is SCHEMATHESIS_MAX_EXAMPLES per operation (50 by default, so the suite stays quick);
a bigger run: SCHEMATHESIS_MAX_EXAMPLES=500 .venv/bin/pytest tests/api/test_schemathesis.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.bookings.fixtures import BookFn
from tests.clock import NEXT_MONDAY, toronto

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "50"))

# The WSGI app itself, without craniocare/wsgi.py (which refuses the development SECRET_KEY).
application = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def world(book: BookFn) -> Iterator[None]:
    """The demo-like service with one booking, so some requests reach real slots. Requests keep
    the test's database connection, as Django's test client does (the WSGI handler would close
    it after each request, and with it the test transaction)."""
    book(toronto(NEXT_MONDAY, 10))
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_never_fails_and_answers_as_documented(case: Any, world: None) -> None:
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
