"""Real `manage.py worker` processes send the outbox to a real SMTP server, on django-tasks'
database queue and on Redis Queue (TASKS_BACKEND=rq, the Redis on 127.0.0.1; skipped only when
it cannot be reached)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from icalendar import Calendar

from craniocare.bookings.models import Booking
from craniocare.outbox.models import Attempt, Message, WorkerHeartbeat
from tests.outbox.processes import MailServer, wait_until
from tests.outbox.writing import book_through_api, queue_messages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any) -> None:
    settings.RATELIMITS_ENABLED = False


def _one_to(mail: MailServer, address: str) -> Any:
    (message,) = [m for m in mail.inbox.messages if address in m["X-Envelope-To"]]
    return message


def test_it_sends_a_booking_confirmation_with_its_calendar_file_through_a_worker(
    backend: str, client: Any, session60: Any, mail_server: MailServer, workers: Any
) -> None:
    group = workers(mail_port=mail_server.port)
    group.start()
    answer = book_through_api(client)
    booking = Booking.objects.get(uid=answer["uid"])

    wait_until(
        lambda: (
            Message.objects.filter(status=Message.Status.SENT).count() == 2
            and len(mail_server.inbox.messages) == 2
        ),
        what="the client's and the practitioner's emails",
        workers=group,
    )
    rows = {row.kind: row for row in Message.objects.all()}
    assert set(rows) == {"booking_created", "booking_created_practitioner"}

    confirmation = _one_to(mail_server, "alice@example.com")
    assert confirmation["Message-ID"] == rows["booking_created"].message_id
    assert confirmation["Subject"] == rows["booking_created"].subject
    assert confirmation["Subject"].startswith("Booked: ")
    text = confirmation.get_body(preferencelist=("plain",)).get_content()
    assert f"/bookings/{booking.uid}/manage/?token=" in text
    html = confirmation.get_body(preferencelist=("html",)).get_content()
    assert "<" in html and "CranioSacral Therapy" in html
    (calendar_part,) = [p for p in confirmation.walk() if p.get_content_type() == "text/calendar"]
    assert calendar_part.get_filename() == f"session-{booking.start:%Y%m%d-%H%M}.ics"
    assert calendar_part.get_param("method") == "REQUEST"
    (event,) = Calendar.from_ical(calendar_part.get_payload(decode=True)).walk("VEVENT")
    assert str(event["UID"]).startswith(booking.uid)
    assert event.decoded("DTSTART") == booking.start

    notice = _one_to(mail_server, rows["booking_created_practitioner"].recipients[0])
    assert notice["Message-ID"] == rows["booking_created_practitioner"].message_id
    assert "Alice Martin" in notice.get_body(preferencelist=("plain",)).get_content()


def test_two_workers_send_each_of_300_messages_exactly_once(
    backend: str, mail_server: MailServer, workers: Any
) -> None:
    group = workers(mail_port=mail_server.port)
    first, second = group.start(), group.start()
    names = {group.name(first), group.name(second)}
    wait_until(
        lambda: set(WorkerHeartbeat.objects.values_list("worker", flat=True)) >= names,
        what="both workers' first sweep",
        workers=group,
    )
    rows = queue_messages(300)

    wait_until(
        lambda: Message.objects.filter(status=Message.Status.SENT).count() == 300,
        what="300 messages sent",
        workers=group,
        timeout=90,
    )
    received = mail_server.inbox.message_ids()
    assert received == Counter({row.message_id: 1 for row in rows})
    assert Attempt.objects.filter(ok=True).count() == 300
    assert not Attempt.objects.filter(ok=False).exists()
    assert set(Attempt.objects.values_list("worker", flat=True)) == names, "both took part"
    # Nothing was sent by a worker whose claim was then taken over.
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}
