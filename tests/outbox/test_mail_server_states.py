"""A booking never waits for the mail server: down or hanging, the request answers and its
messages wait in the outbox for a real worker process. The test process queues its tasks on the
database queue, as the site does in production (not the in-process queue of the other tests)."""

from __future__ import annotations

from typing import Any

import pytest

from craniocare.bookings.models import Booking
from craniocare.outbox.models import Attempt, Message
from tests.outbox.processes import MailServer, wait_until
from tests.outbox.writing import book_through_api
from tests.smtp import HangingSmtpServer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any) -> None:
    settings.RATELIMITS_ENABLED = False


def test_it_books_while_the_mail_server_is_down_and_sends_each_message_once_it_is_back(
    db_queue: str, client: Any, session60: Any, mail: MailServer, workers: Any
) -> None:
    group = workers(mail_port=mail.port)  # nothing listens there yet
    group.start()
    answer = book_through_api(client)
    assert Booking.objects.get(uid=answer["uid"]).status == "confirmed"

    def failed_once_and_waiting() -> list[Message] | None:
        rows = list(Message.objects.filter(status=Message.Status.QUEUED).exclude(last_error=""))
        return rows if len(rows) == 2 else None

    waiting = wait_until(
        failed_once_and_waiting, what="both booking emails to fail and wait", workers=group
    )
    assert {row.kind for row in waiting} == {"booking_created", "booking_created_practitioner"}
    assert all("Connection refused" in row.last_error for row in waiting)
    assert mail.inbox.messages == []

    mail.start()
    wait_until(
        lambda: Message.objects.filter(status=Message.Status.SENT).count() == 2,
        what="both emails sent once the server is back",
        workers=group,
    )
    assert mail.inbox.message_ids() == {row.message_id: 1 for row in waiting}
    for row in Message.objects.all():
        attempts = list(Attempt.objects.filter(message=row).values_list("ok", flat=True))
        assert attempts[-1] is True and not any(attempts[:-1]), attempts
        assert row.attempts == len(attempts) >= 2
        assert row.last_error == ""


def test_a_mail_server_that_never_answers_never_reaches_the_request(
    db_queue: str,
    client: Any,
    session60: Any,
    hanging_smtp_server: HangingSmtpServer,
    workers: Any,
) -> None:
    answer = book_through_api(client)

    assert Booking.objects.get(uid=answer["uid"]).status == "confirmed"
    assert hanging_smtp_server.connections == [], "the request talked to the mail server"
    rows = list(Message.objects.all())
    assert [(row.status, row.attempts) for row in rows] == [("queued", 0), ("queued", 0)]

    # Only the worker meets the silence: it waits EMAIL_TIMEOUT (2 s here), records the
    # failure and keeps the messages for a retry.
    group = workers(mail_port=hanging_smtp_server.port)
    group.start()
    wait_until(
        lambda: (
            Message.objects.filter(status=Message.Status.QUEUED).exclude(last_error="").count() == 2
        ),
        what="the worker to give up on the silent server",
        workers=group,
    )
    assert hanging_smtp_server.connections, "the worker did try the server"
    assert all("timed out" in row.last_error for row in Message.objects.all())
