"""A worker killed with SIGKILL in the middle of a delivery, and a mail server that refuses:
real worker processes, a real SMTP server, the database queue.

What SMTP cannot give: the server has taken the whole message (its 250 to DATA sent, or about to
be) and the worker records `sent` in its own commit just after. A worker killed between those two
moments (one write transaction once the 250 has arrived) leaves a claim that the next worker takes
over once the lease has run out, and the message goes out a second time. The outbox keeps one
Message-ID for every attempt, so the second copy is recognisably the same message (some mail
clients show it once); the last kill test here shows exactly that. Killed anywhere else in a
delivery (here: while the server waits for the recipients), the worker leaves one message,
delivered once, after the lease.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest

from craniocare.outbox.models import Attempt, Message
from craniocare.outbox.services import message_retry
from tests.outbox.processes import RETRY_BASE_SECONDS, MailServer, wait_until
from tests.outbox.writing import queue_messages

pytestmark = pytest.mark.django_db(transaction=True)


def _sent(pk: int) -> Message | None:
    return Message.objects.filter(pk=pk, status=Message.Status.SENT).first()


def _kill_while_held(mail_server: MailServer, workers: Any, *, hold_at: str) -> tuple[Any, ...]:
    """Queue one message; the first worker's delivery stops at `hold_at` and the worker is
    killed there (SIGKILL); a second worker is started. Returns (message as the killed worker
    left it, the workers, the second worker)."""
    mail_server.inbox.hold_at = hold_at
    group = workers(mail_port=mail_server.port)
    doomed = group.start()
    (message,) = queue_messages(1)
    wait_until(
        mail_server.inbox.held.is_set, what=f"the delivery to reach {hold_at}", workers=group
    )
    left = Message.objects.get(pk=message.pk)
    assert left.status == Message.Status.SENDING
    assert left.claimed_by.startswith(group.name(doomed) + "/")

    group.kill(doomed)
    mail_server.inbox.release.set()  # the server finishes a conversation nobody is part of
    rescuer = group.start()
    wait_until(lambda: _sent(message.pk), what="the message sent", workers=group, gone=(doomed,))
    return left, group, rescuer


def test_a_worker_killed_mid_send_leaves_one_delivery_after_the_lease(
    db_queue: str, mail_server: MailServer, workers: Any
) -> None:
    """Killed while the server waits for the recipients: nothing was handed over yet."""
    left, group, rescuer = _kill_while_held(mail_server, workers, hold_at="rcpt")

    assert mail_server.inbox.message_ids() == {left.message_id: 1}
    sent = Message.objects.get(pk=left.pk)
    assert sent.attempts == 2  # the killed one and the one that went through
    (attempt,) = Attempt.objects.filter(message=sent)  # the killed worker recorded nothing
    assert attempt.ok and attempt.worker == group.name(rescuer)
    assert left.lease_until is not None
    assert attempt.started_at >= left.lease_until, "taken over only once the lease ran out"


def test_a_kill_after_the_server_has_the_message_repeats_it_under_the_same_message_id(
    db_queue: str, mail_server: MailServer, workers: Any
) -> None:
    """The one window SMTP leaves open (see the module's docstring): the server has the whole
    message when the worker dies, before it could record `sent`. The copy that follows carries
    the same Message-ID, and the message is marked sent once."""
    left, _, _ = _kill_while_held(mail_server, workers, hold_at="data")

    assert mail_server.inbox.message_ids() == {left.message_id: 2}
    assert Message.objects.get(pk=left.pk).attempts == 2
    assert Attempt.objects.filter(message_id=left.pk, ok=True).count() == 1


def test_it_retries_a_refused_message_with_backoff_and_sends_it_once(
    db_queue: str, mail_server: MailServer, workers: Any
) -> None:
    mail_server.inbox.refuse_next = 2
    group = workers(mail_port=mail_server.port)
    group.start()
    (message,) = queue_messages(1)

    wait_until(lambda: _sent(message.pk), what="the message sent", workers=group)
    assert mail_server.inbox.refused == 2
    assert mail_server.inbox.message_ids() == {message.message_id: 1}
    attempts = list(Attempt.objects.filter(message=message))
    assert [a.ok for a in attempts] == [False, False, True]
    assert all("451" in a.error for a in attempts[:2])
    assert Message.objects.get(pk=message.pk).attempts == 3
    for number, (failed, retried) in enumerate(pairwise(attempts), 1):
        backoff = timedelta(seconds=RETRY_BASE_SECONDS * 2 ** (number - 1))
        assert retried.started_at >= failed.finished_at + backoff, f"retry {number} too early"


def test_it_fails_a_message_after_its_last_attempt_and_sends_it_when_retried(
    db_queue: str, mail_server: MailServer, workers: Any, settings: Any
) -> None:
    settings.OUTBOX_MAX_ATTEMPTS = 3  # stored on the message when it is queued
    mail_server.inbox.refuse_next = 1_000
    group = workers(mail_port=mail_server.port)
    group.start()
    (message,) = queue_messages(1)

    failed = wait_until(
        lambda: Message.objects.filter(pk=message.pk, status=Message.Status.FAILED).first(),
        what="the message to fail",
        workers=group,
    )
    assert failed.attempts == 3
    assert "451" in failed.last_error and "try again later" in failed.last_error
    assert list(Attempt.objects.filter(message=message).values_list("ok", flat=True)) == [False] * 3
    assert mail_server.inbox.messages == []

    mail_server.inbox.refuse_next = 0
    assert message_retry(message=failed)
    wait_until(lambda: _sent(message.pk), what="the retried message sent", workers=group)
    assert mail_server.inbox.message_ids() == {message.message_id: 1}
    assert Message.objects.get(pk=message.pk).last_error == ""
