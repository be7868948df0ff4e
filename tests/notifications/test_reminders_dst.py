"""Reminders are due at absolute instants (the session's start minus the offset), so across the
2027 Toronto clock changes they arrive exactly 48 and 2 hours before the session: the worker's
job queues each one at its moment (not a minute before), and the real delivery hands it to the
SMTP server then."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest

from craniocare.notifications.models import Reminder
from craniocare.notifications.services import reminders_send_due
from craniocare.outbox.models import Message
from tests.clock import TORONTO, toronto
from tests.outbox_helpers import deliver_now

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


def reminders_received(smtp_server: Any) -> list[EmailMessage]:
    return [m for m in smtp_server.messages if str(m["Subject"]).startswith("Reminder:")]


def plain(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def run_worker_at(travel: Any, instant: datetime, capture: Any) -> None:
    """The worker's round at `instant`: the reminder job, then delivery (as the sweep does)."""
    travel.move_to(instant)
    with capture(execute=True):
        reminders_send_due()
    deliver_now()


@pytest.mark.parametrize(
    ("booked_at", "session", "expected_local"),
    [
        # Spring forward on Sunday 14 March 2027: 48 h before Monday 10:00 EDT is Saturday
        # 09:00 EST (not 10:00: an hour of that Sunday never happened).
        (
            toronto(date(2027, 3, 3), 12),
            toronto(date(2027, 3, 15), 10),
            [(48, toronto(date(2027, 3, 13), 9)), (2, toronto(date(2027, 3, 15), 8))],
        ),
        # Fall back on Sunday 7 November 2027: 48 h before Monday 10:00 EST is Saturday
        # 11:00 EDT (that Sunday had an hour twice).
        (
            toronto(date(2027, 11, 1), 12),
            toronto(date(2027, 11, 8), 10),
            [(48, toronto(date(2027, 11, 6), 11)), (2, toronto(date(2027, 11, 8), 8))],
        ),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_it_delivers_reminders_across_a_clock_change_at_the_promised_moment(
    travel,
    book,
    smtp_server,
    django_capture_on_commit_callbacks,
    booked_at,
    session,
    expected_local,
):
    travel.move_to(booked_at)
    booking = book(session).booking
    reminders = list(Reminder.objects.filter(booking=booking).order_by("due_at"))
    assert [(r.offset_hours, r.due_at.astimezone(TORONTO)) for r in reminders] == expected_local
    for reminder in reminders:
        assert booking.start - reminder.due_at == timedelta(hours=reminder.offset_hours)

    deliver_now()  # the booking's confirmation goes out at once
    assert reminders_received(smtp_server) == []

    for count, (hours, due_local) in enumerate(expected_local, start=1):
        run_worker_at(
            travel, (due_local - MINUTE).astimezone(UTC), django_capture_on_commit_callbacks
        )
        assert Message.objects.filter(kind="booking_reminder").count() == count - 1
        assert len(reminders_received(smtp_server)) == count - 1, "nothing before its time"

        run_worker_at(travel, due_local.astimezone(UTC), django_capture_on_commit_callbacks)
        queued = Message.objects.filter(kind="booking_reminder").order_by("created_at", "pk")
        assert queued.count() == count
        assert queued.last().due_at == due_local  # type: ignore[union-attr]
        received = reminders_received(smtp_server)
        assert len(received) == count, f"the {hours}-hour reminder arrives at {due_local}"
        assert received[-1]["To"] == "alice@example.com"
        text = plain(received[-1])
        day = session.strftime("%A %-d %B %Y")
        assert f"{day}, 10:00" in text, text
        assert Reminder.objects.get(booking=booking, offset_hours=hours).status == "queued"

    run_worker_at(
        travel, session.astimezone(UTC) + timedelta(hours=1), django_capture_on_commit_callbacks
    )
    assert len(reminders_received(smtp_server)) == 2, "each reminder exactly once"
