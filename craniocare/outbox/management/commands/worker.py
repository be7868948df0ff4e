"""`manage.py worker` (`make worker`): the practice's background worker.

It runs the task queue named by TASKS (the database queue by default, Redis Queue workers when
TASKS_BACKEND=rq) and, beside it, a small clock that queues the `sweep` task every few seconds:
heartbeat, due and retried messages, reminders, waitlist offers, the nightly backup. Run as many
workers as you like: every job claims its rows with conditional updates.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from craniocare.outbox.delivery import name_this_worker
from craniocare.outbox.tasks import sweep

logger = logging.getLogger("craniocare.outbox")


class Clock(threading.Thread):
    """Queues a sweep every `seconds` until stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(name="craniocare-clock", daemon=True)
        self.seconds = seconds
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                sweep.enqueue()
            except Exception:
                logger.exception("Could not queue the worker's sweep; trying again shortly.")
            finally:
                connections.close_all()
            self.stopped.wait(self.seconds)


class Command(BaseCommand):
    help = "Run the background worker (outbox, reminders, waitlist offers, backups)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sweep-seconds",
            type=float,
            default=settings.WORKER_SWEEP_SECONDS,
            help="How often the sweep runs (default %(default)s s).",
        )
        parser.add_argument("--no-clock", action="store_true", help="Run tasks only, no sweeps.")

    def handle(self, *args: Any, **options: Any) -> None:
        backend = settings.TASKS_BACKEND
        name = name_this_worker()
        self.stdout.write(f"CranioCare worker {name} on the {backend} queue.")
        clock = None
        if not options["no_clock"]:
            clock = Clock(options["sweep_seconds"])
            clock.start()
        try:
            if backend == "rq":
                call_command(
                    "rqworker", "default", job_class="django_tasks_rq.Job", with_scheduler=True
                )
            else:
                call_command(
                    "db_worker",
                    interval=settings.WORKER_POLL_SECONDS,
                    reload=False,
                    startup_delay=False,
                    worker_id=name[-32:],  # the end keeps the process id
                    verbosity=options["verbosity"],
                )
        finally:
            if clock is not None:
                clock.stopped.set()
