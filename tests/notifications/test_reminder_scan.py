"""The reminder scan costs the same with 10 or 200 past bookings: it reads the index on
(status, due_at) over the due rows only. Structural checks, not timings: the database's plan
for the scan names the index, and the number of queries a run sends does not grow with history."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from craniocare.notifications.models import Reminder
from craniocare.notifications.services import reminders_send_due
from tests.clock import NEXT_MONDAY, NOW, toronto
from tests.factories import BookingFactory, ClientFactory

pytestmark = pytest.mark.django_db

INDEX = "notifications_reminder_due"
PENDING_ONLY = "notifications_reminder_one_pending"
FIRST = datetime(2026, 1, 5, 15, tzinfo=UTC)


def add_history(serena, session60, count: int, first: datetime) -> None:
    """`count` past sessions from `first` on, each with its two reminders long since queued."""
    client = ClientFactory()
    starts = [first + timedelta(hours=3 * n) for n in range(count)]
    bookings = [
        BookingFactory(
            practitioner=serena.practitioner, service=session60, client=client, start=start
        )
        for start in starts
    ]
    Reminder.objects.bulk_create(
        Reminder(
            booking=booking,
            offset_hours=hours,
            session_start=booking.start,
            due_at=booking.start - timedelta(hours=hours),
            status=Reminder.Status.QUEUED,
        )
        for booking in bookings
        for hours in (48, 2)
    )


def scan_plan() -> str:
    with CaptureQueriesContext(connection) as captured:
        reminders_send_due(now=NOW)
    (scan,) = [q["sql"] for q in captured.captured_queries if "notifications_reminder" in q["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {scan}")
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        # A test table has a few rows: price sequential scans out, as a big table would.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {scan}")
        return "\n".join(str(row[0]) for row in cursor.fetchall())


def test_the_scan_reads_the_index_on_status_and_due_time(serena, session60):
    add_history(serena, session60, 20, FIRST)
    plan = scan_plan()
    if connection.vendor == "sqlite":
        assert INDEX in plan, plan
        line = next(x for x in plan.splitlines() if INDEX in x)
        assert "status=?" in line and "due_at<?" in line, line
    else:
        # On a test table of a few rows PostgreSQL may prefer the partial unique index of
        # pending reminders; both hold pending rows only, never the history already sent.
        assert "Seq Scan" not in plan, plan
        assert any(f"Index Scan using {name} " in plan for name in (INDEX, PENDING_ONLY)), plan
        assert "status" in plan or PENDING_ONLY in plan, plan


def one_due(serena, session60, hour: int) -> Reminder:
    """A session next Monday whose 48-hour reminder is due now."""
    booking = BookingFactory(
        practitioner=serena.practitioner, service=session60, start=toronto(NEXT_MONDAY, hour)
    )
    return Reminder.objects.create(
        booking=booking, offset_hours=48, session_start=booking.start, due_at=NOW
    )


def queries_of_a_run() -> list[str]:
    """The statements a run sends to the tables (savepoints and the shared cache's
    once-a-second check of the content version left out: they follow the clock, not the data)."""
    with CaptureQueriesContext(connection) as captured:
        assert reminders_send_due(now=NOW) == 1
    return [
        re.sub(r"'[^']*'|\b\d+\b", "?", q["sql"].split(" WHERE ")[0].split(" VALUES ")[0])
        for q in captured.captured_queries
        if "craniocare_cache" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


def test_the_scan_sends_the_same_queries_with_10_or_200_past_bookings(serena, session60):
    one_due(serena, session60, 9)
    queries_of_a_run()  # caches warm (the practice's settings)
    add_history(serena, session60, 10, FIRST)
    one_due(serena, session60, 11)
    with_ten = queries_of_a_run()
    add_history(serena, session60, 190, FIRST + timedelta(days=60))
    assert Reminder.objects.filter(status="queued").count() == 2 + 400
    one_due(serena, session60, 14)
    assert queries_of_a_run() == with_ten
    scans = [q for q in with_ten if q.startswith('SELECT "notifications_reminder"."id" AS "pk"')]
    assert len(scans) == 1, "one scan, then a constant few statements for the one due reminder"
