"""Reminders follow their booking: made when it is booked (never late: an offset already past
gets none), moved with a reschedule, gone with a cancellation (a queued message too), none for
the demo's silent bookings; and what the email says."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, timedelta

import pytest
from django.db.models import F

from craniocare.bookings.models import Booking
from craniocare.bookings.services import booking_cancel, booking_reschedule
from craniocare.notifications.hooks import (
    owed_client_links,
    register_reminder_extras,
    unregister_reminder_extras,
)
from craniocare.notifications.models import Reminder
from craniocare.notifications.services import reminders_send_due
from craniocare.outbox.models import Message
from craniocare.outbox.schedule import periodic_jobs
from craniocare.outbox.serialization import from_payload
from tests.clock import TORONTO, toronto
from tests.factories import create_booking
from tests.outbox_helpers import deliver_now

pytestmark = pytest.mark.django_db

MONDAY = date(2027, 3, 8)  # NOW is Wednesday 3 March 2027, 12:00 Toronto


def pending(booking: Booking) -> list[tuple[int, str]]:
    rows = Reminder.objects.filter(booking=booking, status="pending").order_by("-offset_hours")
    return [(r.offset_hours, r.channel) for r in rows]


def reminder_messages() -> list[Message]:
    return list(Message.objects.filter(kind__startswith="booking_reminder").order_by("pk"))


def bodies(message: Message) -> tuple[str, str]:
    email = from_payload(
        subject=message.subject,
        recipients=list(message.recipients),
        payload=message.payload,
        message_id="",
    )
    return spaced(email.body), spaced(str(email.alternatives[0][0]))


def spaced(text: str) -> str:
    """Times read "10:00 a.m." with a no-break space; compare them with a plain one."""
    return unicodedata.normalize("NFKC", text)


def test_it_makes_one_reminder_per_offset_when_a_session_is_booked(travel, book):
    booking = book(toronto(MONDAY, 10)).booking
    assert pending(booking) == [(48, "email"), (2, "email")]


def test_it_gives_a_booking_made_inside_an_offset_no_late_reminder(
    travel, book, django_capture_on_commit_callbacks
):
    # Booked at noon on Wednesday for Thursday 10:00: 22 hours ahead, inside the 48 hours.
    booking = book(toronto(date(2027, 3, 4), 10)).booking
    assert pending(booking) == [(2, "email")]
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due() == 0
    assert reminder_messages() == []


def test_it_makes_none_for_the_demos_silent_bookings(travel, session60, alice_details):
    booking = create_booking(
        service=session60, start=toronto(MONDAY, 10), client=alice_details
    ).booking
    assert not Reminder.objects.filter(booking=booking).exists()


def test_it_uses_the_practices_own_offsets(travel, book, practice_contact):
    practice_contact.reminder_offsets_hours = [72, 24]
    practice_contact.save()
    booking = book(toronto(MONDAY, 10)).booking
    assert pending(booking) == [(72, "email"), (24, "email")]


def test_it_moves_the_reminders_with_a_reschedule(travel, book):
    booking = book(toronto(MONDAY, 10)).booking
    old = set(Reminder.objects.filter(booking=booking).values_list("pk", flat=True))
    booking_reschedule(booking=booking, new_start=toronto(MONDAY, 14), by_client=True)
    assert set(Reminder.objects.filter(pk__in=old).values_list("status", flat=True)) == {
        "cancelled"
    }
    new = Reminder.objects.filter(booking=booking, status="pending").order_by("due_at")
    assert [r.due_at.astimezone(TORONTO) for r in new] == [
        toronto(date(2027, 3, 6), 14),
        toronto(MONDAY, 12),
    ]


def test_it_does_not_send_the_old_times_reminder_after_a_reschedule(
    travel, book, django_capture_on_commit_callbacks
):
    booking = book(toronto(MONDAY, 10)).booking
    # Moved a day later: the old 48-hour moment (Saturday 10:00) passes with nothing to send.
    booking_reschedule(booking=booking, new_start=toronto(date(2027, 3, 9), 10), by_client=True)
    travel.move_to(toronto(date(2027, 3, 6), 10).astimezone(UTC))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due() == 0
    travel.move_to(toronto(date(2027, 3, 7), 10).astimezone(UTC))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due() == 1
    (message,) = reminder_messages()
    text, _ = bodies(message)
    assert "Tuesday 9 March 2027, 10:00" in text


def test_it_cancels_the_reminders_with_the_booking(travel, book):
    booking = book(toronto(MONDAY, 10)).booking
    booking_cancel(booking=booking, by_client=True)
    assert pending(booking) == []
    assert set(Reminder.objects.filter(booking=booking).values_list("status", flat=True)) == {
        "cancelled"
    }


def test_it_cancels_a_reminder_already_queued_when_the_booking_is_cancelled(
    travel, book, smtp_server
):
    booking = book(toronto(MONDAY, 10)).booking
    deliver_now()  # the confirmation
    travel.move_to(toronto(date(2027, 3, 6), 10).astimezone(UTC))
    assert reminders_send_due() == 1  # queued; the worker has not sent it yet
    (message,) = reminder_messages()
    assert message.status == "queued"
    booking_cancel(booking=booking, by_client=False)
    message.refresh_from_db()
    assert message.status == "cancelled"
    assert Reminder.objects.get(booking=booking, offset_hours=48).status == "cancelled"
    deliver_now()
    assert not [m for m in smtp_server.messages if str(m["Subject"]).startswith("Reminder")]


def test_it_skips_a_reminder_whose_session_is_no_longer_confirmed(travel, book):
    booking = book(toronto(MONDAY, 10)).booking
    # A change that bypasses the listener (an import, a raw update) is caught at send time.
    hour = timedelta(hours=1)
    Booking.objects.filter(pk=booking.pk).update(
        start=F("start") + hour,
        end=F("end") + hour,
        blocked_start=F("blocked_start") + hour,
        blocked_end=F("blocked_end") + hour,
    )
    travel.move_to(toronto(date(2027, 3, 6), 10).astimezone(UTC))
    assert reminders_send_due() == 0
    reminder = Reminder.objects.get(booking=booking, offset_hours=48)
    assert (reminder.status, reminder.skip_reason) == ("skipped", "The session has moved.")


def test_it_sends_only_the_latest_reminder_when_the_worker_was_away(travel, book):
    booking = book(toronto(MONDAY, 10)).booking
    travel.move_to(toronto(MONDAY, 9).astimezone(UTC))  # both the 48 h and the 2 h are due
    assert reminders_send_due() == 1
    statuses = dict(Reminder.objects.filter(booking=booking).values_list("offset_hours", "status"))
    assert statuses == {48: "skipped", 2: "queued"}


def test_it_queues_each_reminder_once_however_often_the_job_runs(travel, book):
    book(toronto(MONDAY, 10))
    travel.move_to(toronto(date(2027, 3, 6), 10).astimezone(UTC))
    assert reminders_send_due() == 1
    assert reminders_send_due() == 0
    assert len(reminder_messages()) == 1


def test_the_worker_sweep_runs_the_reminder_job(travel, book):
    assert "reminders" in [job.name for job in periodic_jobs()]
    book(toronto(MONDAY, 10))
    travel.move_to(toronto(date(2027, 3, 6), 10).astimezone(UTC))
    (job,) = [job for job in periodic_jobs() if job.name == "reminders"]
    assert job.run() == 1


def test_the_email_has_the_session_the_policy_and_the_manage_link(travel, book):
    booking = book(toronto(MONDAY, 10)).booking
    travel.move_to(toronto(date(2027, 3, 6), 10).astimezone(UTC))
    reminders_send_due()
    (message,) = reminder_messages()
    assert message.recipients == ["alice@example.com"]
    assert (
        message.subject
        == "Reminder: CranioSacral Therapy, 60 minutes on Monday 8 March, 10:00 a.m."
    )
    text, html = bodies(message)
    for body in (text, html):
        assert "Monday 8 March 2027, 10:00" in body
        assert (
            "You can move or cancel your session online until Sunday 7 March 2027, 10:00 a.m."
            in body
        )
        assert f"/bookings/{booking.uid}/manage/?token=" in body
        assert "Serena CranioCare" in body
    assert "Manage your booking" in html


def test_the_last_reminder_says_the_online_window_has_passed(travel, book):
    book(toronto(MONDAY, 10))
    travel.move_to(toronto(MONDAY, 8).astimezone(UTC))
    reminders_send_due()
    (message,) = reminder_messages()
    text, html = bodies(message)
    for body in (text, html):
        assert "The 24-hour window for changes online has passed" in body
        assert "call 416-555-0199" in body


def test_it_lists_what_the_client_still_owes(travel, book):
    def intake_owed(booking: Booking) -> list[tuple[str, str]]:
        return [("Your health intake form", f"https://example.test/intake/{booking.uid}")]

    register_reminder_extras(intake_owed)
    try:
        booking = book(toronto(MONDAY, 10)).booking
        travel.move_to(toronto(date(2027, 3, 6), 10).astimezone(UTC))
        reminders_send_due()
    finally:
        unregister_reminder_extras(intake_owed)
    (message,) = reminder_messages()
    text, html = bodies(message)
    assert f"- Your health intake form: https://example.test/intake/{booking.uid}" in text
    assert f'<a href="https://example.test/intake/{booking.uid}"' in html
    assert "Still to do before your session" in html


def test_it_lists_nothing_owed_when_nothing_is(travel, book):
    unregister_reminder_extras(owed_client_links)  # the intake app's links: tested below
    try:
        book(toronto(MONDAY, 10))
        travel.move_to(toronto(date(2027, 3, 6), 10).astimezone(UTC))
        reminders_send_due()
    finally:
        register_reminder_extras(owed_client_links)
    text, html = bodies(reminder_messages()[0])
    assert "Still to do" not in text + html


def test_it_asks_for_the_intake_form_until_it_is_sent(travel, book):
    booking = book(toronto(MONDAY, 10)).booking
    travel.move_to(toronto(date(2027, 3, 6), 10).astimezone(UTC))
    reminders_send_due()
    text, _ = bodies(reminder_messages()[0])
    assert "- Fill in your health intake form: http" in text
    assert "/intake/" in text
    assert booking.client_id is not None
