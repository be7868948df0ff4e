"""Costs that do not grow with the years: the database's plans for the busy-time, calendar,
feed and Today queries (and the SQLite overlap trigger) read an index over the window only.

Structural checks, not timings: each test runs the real code path, takes the SQL it sent and
asks the database for its plan (EXPLAIN QUERY PLAN on SQLite; EXPLAIN on PostgreSQL with
sequential scans priced out, since a planner prefers them on the few rows of a test database).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from importlib import import_module
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from craniocare.accounts.models import User
from craniocare.bookings.calendar_page import calendar_page
from craniocare.bookings.feed import feed_calendar
from craniocare.bookings.free_times import busy_intervals
from craniocare.bookings.models import MAX_BLOCKED_SPAN, Booking
from craniocare.catalog.models import Service
from tests.clock import MORNING, NEXT_MONDAY, toronto
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

migration = import_module("craniocare.bookings.migrations.0005_bounded_ranges")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite overlap trigger")


def plan_of(sql: str, params: Any = None) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(str(row[0]) for row in cursor.fetchall())


def booking_queries(run: Any, *needles: str) -> list[str]:
    """The SELECTs on bookings_booking that `run()` sends and that mention every needle."""
    with CaptureQueriesContext(connection) as captured:
        run()
    found = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT")
        and 'FROM "bookings_booking"' in q["sql"]
        and all(n in q["sql"] for n in needles)
    ]
    assert found, f"no booking query with {needles}"
    return found


def assert_index_range(plan: str, index: str, column: str, *, or_on_postgres: str = "") -> None:
    """The plan reads `index` with the practitioner fixed and `column` bounded on both sides.
    (PostgreSQL, on a test table of a few rows, may pick the single-column index on the same
    column instead: `or_on_postgres`; both read the window only.)"""
    names = [index, or_on_postgres] if connection.vendor == "postgresql" else [index]
    assert any(name and f" {name} " in f"{plan} " for name in names), plan
    if connection.vendor == "sqlite":
        line = next(x for x in plan.splitlines() if index in x)
        assert re.search(rf"{column}>\?", line) and re.search(rf"{column}<\?", line), line
    else:
        conds = " ".join(x for x in plan.splitlines() if "Index Cond" in x)
        assert f"({column} >" in conds and f"({column} <" in conds, plan


@pytest.fixture
def booking(serena: User, session60: Service) -> Any:
    return BookingFactory(
        practitioner=serena.practitioner, service=session60, start=toronto(NEXT_MONDAY, 10)
    )


# The SQLite trigger


@sqlite_only
def test_the_trigger_runs_the_lookup_the_plan_checks() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'bookings_booking'"
        )
        triggers = [row[0] for row in cursor.fetchall()]
    squash = " ".join(migration.OVERLAP_LOOKUP.split())
    assert len(triggers) == 2
    assert all(squash in " ".join(t.split()) for t in triggers)
    assert all("julianday(other" not in t for t in triggers)


@sqlite_only
def test_the_trigger_lookup_reads_the_index_over_the_window_only(booking: Any) -> None:
    lookup = re.sub(r"NEW\.(\w+)", r":\1", migration.OVERLAP_LOOKUP)
    dt = connection.ops.adapt_datetimefield_value
    params = {
        "practitioner_id": booking.practitioner_id,
        "blocked_start": dt(booking.blocked_start),
        "blocked_end": dt(booking.blocked_end),
        "id": None,
    }
    plan = plan_of(lookup, params)
    assert_index_range(plan, "bookings_busy_lookup", "blocked_start")
    assert "practitioner_id=?" in plan


@sqlite_only
def test_django_stores_every_instant_in_one_text_spelling(serena: User, session60: Service) -> None:
    """What makes comparing the stored text correct: naive UTC, ' ', seconds, and a fraction
    of six digits only when there is one."""
    whole = toronto(NEXT_MONDAY, 9)
    fraction = toronto(NEXT_MONDAY, 12) + timedelta(microseconds=5)
    for start in (whole, fraction):
        BookingFactory(practitioner=serena.practitioner, service=session60, start=start)
    with connection.cursor() as cursor:
        cursor.execute(  # || '' reads the stored text, not a converted datetime
            "SELECT \"start\" || '', blocked_start || '', blocked_end || '', created_at || '' "
            "FROM bookings_booking"
        )
        stored = [value for row in cursor.fetchall() for value in row]
    spelling = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?")
    assert all(spelling.fullmatch(v) for v in stored), stored
    assert "2027-03-08 14:00:00" in stored  # 09:00 in Toronto, in UTC, without a fraction
    assert "2027-03-08 17:00:00.000005" in stored


@sqlite_only
def test_the_trigger_refuses_any_other_spelling(booking: Any) -> None:
    """A hand-written row with 'T' or an offset could compare wrongly as text: refused."""
    refused = pytest.raises(IntegrityError, match="booking_datetime_format")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE bookings_booking SET blocked_end = '2027-03-08T16:15:00+00:00' WHERE id = %s",
            [booking.pk],
        )


def test_the_database_refuses_a_blocked_range_longer_than_the_bound(booking: Any) -> None:
    """The bound every range query relies on (MAX_BLOCKED_SPAN), kept by the database."""
    longer = booking.blocked_start + MAX_BLOCKED_SPAN + timedelta(minutes=1)
    with pytest.raises(IntegrityError, match=r"too_long|span_bounded"), transaction.atomic():
        Booking.objects.filter(pk=booking.pk).update(blocked_end=longer, end=longer)


@sqlite_only
def test_text_order_is_time_order_across_spellings() -> None:
    values = [
        datetime(2027, 3, 8, 14, 0, 0, tzinfo=UTC),
        datetime(2027, 3, 8, 14, 0, 0, 1, tzinfo=UTC),
        datetime(2027, 3, 8, 14, 0, 1, tzinfo=UTC),
        datetime(2027, 3, 8, 14, 0, 0, 999999, tzinfo=UTC),
    ]
    texts = [connection.ops.adapt_datetimefield_value(v) for v in values]
    assert sorted(texts) == [texts[i] for i in sorted(range(4), key=lambda i: values[i])]


# The application's queries


def test_busy_time_reads_the_index_over_the_window_only(booking: Any, serena: User) -> None:
    start = toronto(NEXT_MONDAY, 0)
    sql = booking_queries(
        lambda: busy_intervals(serena.practitioner, start, start + timedelta(days=1)),
        "blocked_end",
    )[0]
    assert_index_range(plan_of(sql), "bookings_busy_lookup", "blocked_start")


def test_the_calendar_reads_the_index_over_the_window_only(booking: Any, serena: User) -> None:
    days = [NEXT_MONDAY + timedelta(days=i) for i in range(7)]
    sql = booking_queries(
        lambda: calendar_page(
            practitioner=serena.practitioner, days=days, user=serena, show_cancelled=True
        ),
        '"end"',
    )[0]
    assert_index_range(
        plan_of(sql), "bookings_practitioner_start", "start", or_on_postgres="bookings_start"
    )


def test_the_feed_reads_the_index_over_its_window(booking: Any, serena: User) -> None:
    sql = booking_queries(lambda: feed_calendar(practitioner=serena.practitioner))[0]
    assert_index_range(
        plan_of(sql), "bookings_practitioner_start", "start", or_on_postgres="bookings_start"
    )


def test_new_since_the_last_visit_reads_the_created_at_index(
    booking: Any, serena: User, office_client: Any
) -> None:
    with time_machine.travel(MORNING, tick=False):
        client = office_client(serena)
        client.get(reverse("office:today"))
    with time_machine.travel(MORNING + timedelta(minutes=5), tick=False):
        sql = booking_queries(lambda: client.get(reverse("office:today")), '"created_at" >')[0]
    plan = plan_of(sql)
    assert "bookings_pract_created" in plan, plan
