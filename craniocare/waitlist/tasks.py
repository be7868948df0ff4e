"""The waitlist's background work: a matching run queued after every change that may free a
time (a cancellation, a move, someone leaving, an offer lost), besides the worker's periodic run
(registered in apps.py) that covers new hours and expiry."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from .matcher import waitlist_match

logger = logging.getLogger("craniocare.waitlist")


@task()
def match_waitlist() -> int:
    return waitlist_match()


def queue_matching() -> None:
    try:
        match_waitlist.enqueue()
    except Exception:
        logger.exception("Could not queue a waitlist run; the worker's sweep will do it.")


def queue_matching_after_commit() -> None:
    """Queue a run once the current transaction commits (it must see the freed time)."""
    transaction.on_commit(queue_matching, robust=True)
