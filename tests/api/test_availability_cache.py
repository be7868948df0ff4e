"""Cached availability is never stale: every write that changes free times gives the
practitioner (or the practice) a new availability version in the same transaction, and each
answer reads the versions first (craniocare/core/availability_version.py). The clock is NOW:
Wednesday 2027-03-03 12:00 in Toronto; Serena works Mon-Fri 09:00-12:00 and 13:00-17:00."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.test import Client, RequestFactory

from craniocare.api.availability_cache import PATH, AvailabilityFastPath
from craniocare.bookings.services import booking_cancel, booking_reschedule
from craniocare.core.availability_version import availability_versions
from craniocare.core.models import PracticeProfile
from craniocare.scheduling.models import HolidayOpening
from craniocare.scheduling.services import (
    date_override_set,
    time_off_create,
    time_off_delete,
    working_hours_replace,
)
from tests.bookings.fixtures import BookFn
from tests.clock import NEXT_MONDAY, toronto

from .helpers import API

ROOT = Path(__file__).resolve().parents[2]
MONDAY = NEXT_MONDAY.isoformat()


def starts(http: Client, day: str = MONDAY, **params: Any) -> list[str]:
    query = {"service": "craniosacral-60", "tz": "America/Toronto", "start": day, "end": day}
    response = http.get(f"{API}/availability", query | params)
    assert response.status_code == 200, response.content
    return [slot["start"][11:16] for slot in response.json()["slots"]]


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def fast_starts(app: AvailabilityFastPath, day: str = MONDAY) -> list[str]:
    """The same question through the WSGI fast path (Django behind it, as in production)."""
    environ = RequestFactory().get(PATH, HTTP_HOST="testserver").environ
    query = {"service": "craniosacral-60", "tz": "America/Toronto", "start": day, "end": day}
    environ["QUERY_STRING"] = urlencode(query)
    started: list[str] = []
    request_started.disconnect(close_old_connections)  # as the test client does
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(app(environ, lambda status, headers, exc=None: started.append(status)))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert started == ["200 OK"], body
    return [slot["start"][11:16] for slot in json.loads(body)["slots"]]


class CountingApp:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self) -> None:
        self.app = get_wsgi_application()
        self.calls = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.calls += 1
        return self.app(environ, start_response)


@pytest.mark.django_db(transaction=True)
def test_a_write_by_another_process_shows_in_the_very_next_answer(
    client: Client, session60: Any, serena: Any, settings: Any
) -> None:
    settings.SECURE_SSL_REDIRECT = False
    django_app = CountingApp()
    fast = AvailabilityFastPath(django_app)
    assert starts(client)[0] == "09:00"
    assert starts(client)[0] == "09:00"  # answered from this process's cache
    assert fast_starts(fast)[0] == "09:00"  # through Django: it stores the answer
    assert fast_starts(fast)[0] == "09:00"  # without entering Django
    assert django_app.calls == 1
    # Another process (as another web worker would) takes Monday morning off.
    code = (
        "from datetime import datetime; from zoneinfo import ZoneInfo;"
        "from craniocare.scheduling.models import Practitioner;"
        "from craniocare.scheduling.services import time_off_create;"
        "zone = ZoneInfo('America/Toronto');"
        "time_off_create(practitioner=Practitioner.objects.get(slug='serena'),"
        f" start=datetime({NEXT_MONDAY.year}, {NEXT_MONDAY.month}, {NEXT_MONDAY.day}, 8,"
        " tzinfo=zone),"
        f" end=datetime({NEXT_MONDAY.year}, {NEXT_MONDAY.month}, {NEXT_MONDAY.day}, 12,"
        " tzinfo=zone), reason='dentist')"
    )
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DATABASE_URL=_database_url(), CRANIOCARE_TLS="off")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert fast_starts(fast)[0] == "13:00"
    assert django_app.calls == 2  # the new version sent the question through Django again
    assert fast_starts(fast)[0] == "13:00"
    assert django_app.calls == 2
    assert starts(client)[0] == "13:00"


@pytest.mark.django_db
def test_a_repeated_answer_costs_one_query(
    client: Client, session60: Any, django_assert_num_queries: Any
) -> None:
    first = starts(client, end="2027-04-02")
    with django_assert_num_queries(1):  # the versions; the slots come from the cache
        assert starts(client, end="2027-04-02") == first


@pytest.mark.django_db
def test_notice_is_cut_at_the_exact_instant_inside_a_cached_bucket(
    client: Client, session60: Any, clock: Any
) -> None:
    session60.min_notice_minutes = 12 * 60 + 2
    session60.save()
    thursday = "2027-03-04"
    clock.move_to(toronto(NEXT_MONDAY - timedelta(days=5), 20, 57))  # 09:00 is 12 h 3 min away
    assert starts(client, day=thursday)[0] == "09:00"
    clock.move_to(toronto(NEXT_MONDAY - timedelta(days=5), 20, 59))  # same 5-minute bucket
    assert starts(client, day=thursday)[0] == "09:30"


def _write(name: str, serena: Any, book: BookFn, session60: Any) -> Callable[[], object]:
    """The write `name`, prepared (a booking to cancel is made first): call it to run it."""
    practitioner = serena.practitioner
    nine, eleven = toronto(NEXT_MONDAY, 9), toronto(NEXT_MONDAY, 11)
    if name == "booking":
        return lambda: book(start=nine)
    if name == "cancel":
        booking = book(start=nine).booking
        return lambda: booking_cancel(booking=booking, by_client=False)
    if name == "reschedule":
        booking = book(start=nine).booking
        return lambda: booking_reschedule(booking=booking, new_start=eleven, by_client=False)
    if name == "hours":
        weekly = {0: [(time(10), time(12))]}
        return lambda: working_hours_replace(practitioner=practitioner, weekly=weekly)
    if name == "override":
        return lambda: date_override_set(
            practitioner=practitioner, day=NEXT_MONDAY, closed=True, intervals=[]
        )
    if name == "time off":
        return lambda: time_off_create(practitioner=practitioner, start=nine, end=eleven)
    if name == "time off removed":
        time_off = time_off_create(practitioner=practitioner, start=nine, end=eleven)
        return lambda: time_off_delete(time_off=time_off)
    if name == "holiday opening":
        return lambda: HolidayOpening.objects.create(practitioner=practitioner, date=NEXT_MONDAY)
    if name == "service":
        return lambda: session60.save()
    if name == "who offers it":
        return lambda: session60.practitioners.remove(practitioner)
    assert name == "practice settings"
    return lambda: PracticeProfile.load().save()


WRITES = [
    "booking",
    "cancel",
    "reschedule",
    "hours",
    "override",
    "time off",
    "time off removed",
    "holiday opening",
    "service",
    "who offers it",
    "practice settings",
]


@pytest.mark.django_db
@pytest.mark.parametrize("write", WRITES)
def test_every_write_that_changes_free_times_changes_the_versions(
    write: str, serena: Any, book: BookFn, session60: Any
) -> None:
    action = _write(write, serena, book, session60)
    before = availability_versions()
    action()
    assert availability_versions() != before


@pytest.mark.django_db
def test_the_fast_answer_is_djangos_answer_with_the_same_headers(
    session60: Any, settings: Any
) -> None:
    settings.SECURE_SSL_REDIRECT = False
    django_app = CountingApp()
    fast = AvailabilityFastPath(django_app)
    answers = []
    for _ in range(2):
        environ = RequestFactory().get(PATH, HTTP_HOST="testserver").environ
        environ["QUERY_STRING"] = urlencode(
            {
                "service": "craniosacral-60",
                "tz": "Europe/London",
                "start": MONDAY,
                "end": "2027-03-20",
            }
        )
        started: list[tuple[str, list[tuple[str, str]]]] = []
        request_started.disconnect(close_old_connections)
        try:
            body = b"".join(
                fast(environ, lambda s, h, e=None, started=started: started.append((s, h)))
            )
        finally:
            request_started.connect(close_old_connections)
        answers.append((started[0][0], dict(started[0][1]), body))
    assert django_app.calls == 1
    (status, through_django, body), (fast_status, fast_headers, fast_body) = answers
    assert status == fast_status == "200 OK"
    assert fast_body == body and json.loads(body)["slots"]
    assert fast_headers == through_django
    assert "X-Content-Type-Options" in fast_headers


@pytest.mark.django_db
def test_fast_answers_count_towards_the_rate_limit(session60: Any, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = False
    settings.RATELIMITS_ENABLED = True
    settings.RATELIMITS = {**settings.RATELIMITS, "api_read": (3, 60)}
    django_app = CountingApp()
    fast = AvailabilityFastPath(django_app)
    statuses = []
    for _ in range(4):
        environ = RequestFactory().get(PATH, HTTP_HOST="testserver").environ
        environ["QUERY_STRING"] = urlencode(
            {"service": "craniosacral-60", "tz": "America/Toronto", "start": MONDAY, "end": MONDAY}
        )
        started: list[str] = []
        request_started.disconnect(close_old_connections)
        try:
            b"".join(fast(environ, lambda s, h, e=None, started=started: started.append(s)))
        finally:
            request_started.connect(close_old_connections)
        statuses.append(started[0][:3])
    assert statuses == ["200", "200", "200", "429"]
    assert django_app.calls == 2  # the first answer, and the refusal
