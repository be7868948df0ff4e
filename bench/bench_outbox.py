"""The outbox and its worker, with real processes, on SQLite and (when reachable) PostgreSQL.

- One `manage.py worker` sends 500 queued messages to a local SMTP server (aiosmtpd in this
  process): messages a second from the first to the last (budget >= 20/s).
- Two workers and 1,000 queued messages: every one received exactly once (counted by Message-ID
  at the server, and as rows marked sent), and the time it took.
- Booking POST (`POST /api/v1/bookings` against a `make serve`-style server, with a worker beside
  it as `make run` has) with the mail server up, down and never answering: p95 < 60 ms in each
  state, and the three about equal (DESIGN.md §6: the mail server never reaches the request).

Set BENCH_OUTBOX_DATABASE_URL to choose the PostgreSQL database (default
postgres://postgres@127.0.0.1:5432/craniocare_bench_outbox); it is recreated for the run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller

from bench.bench_api import availability, book, percentile, separate_starts
from bench.serving import PY, ROOT, free_port, fresh_postgres, running_site, server_env

PG_URL = os.environ.get(
    "BENCH_OUTBOX_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/craniocare_bench_outbox"
)
ONE_WORKER_MESSAGES = 500
TWO_WORKER_MESSAGES = 1000
POSTS_PER_STATE = 80
ROUNDS = 4

ENQUEUE = """
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from craniocare.outbox.services import outbox_enqueue
with transaction.atomic():
    for i in range({count}):
        email = EmailMultiAlternatives(
            f"Bench {{i}}", "A reminder of your session. " * 20, to=[f"client{{i}}@example.com"]
        )
        email.attach_alternative("<p>" + "A reminder of your session. " * 20 + "</p>", "text/html")
        outbox_enqueue(email, kind="{kind}")
"""
COUNT_SENT = (
    "from craniocare.outbox.models import Message; "
    "print('SENT', Message.objects.filter(kind='{kind}', status='sent').count())"
)


class CountingServer:
    """aiosmtpd handler: counts Message-IDs, notes when the first and the last arrived."""

    def __init__(self) -> None:
        self.ids: Counter[str] = Counter()
        self.first = self.last = 0.0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message_id = str(BytesHeaderParser().parsebytes(envelope.content)["Message-ID"])
        now = time.perf_counter()
        with self.lock:
            if not self.ids:
                self.first = now
            self.last = now
            self.ids[message_id] += 1
        return "250 Message accepted for delivery"

    def received(self) -> int:
        with self.lock:
            return sum(self.ids.values())


class SilentServer:
    """Accepts connections on `port` and never says a word."""

    def __init__(self, port: int) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen()
        self.listener.settimeout(0.1)  # so the accepting thread sees `stopped` soon
        self.held: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            with contextlib.suppress(TimeoutError):
                self.held.append(self.listener.accept()[0])

    def close(self) -> None:
        """Stop listening for good (a thread blocked in accept() would keep the port), then
        hang up on everyone."""
        self.stopped.set()
        self.thread.join()
        self.listener.close()
        for connection in self.held:
            connection.close()


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return done.stdout


@contextmanager
def workers(env: dict[str, str], count: int) -> Iterator[list[subprocess.Popen[bytes]]]:
    processes = [
        subprocess.Popen(
            [PY, "manage.py", "worker", "--sweep-seconds", "1"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(count)
    ]
    try:
        yield processes
    finally:
        for process in processes:  # the bench's data is thrown away: no gentle stop needed
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def sent_rows(env: dict[str, str], kind: str, expected: int) -> int:
    """Rows marked sent, once they reach `expected` (the last mark follows the last receipt)."""
    deadline = time.monotonic() + 30
    while True:
        sent = int(manage(env, "shell", "-c", COUNT_SENT.format(kind=kind)).split("SENT")[-1])
        if sent >= expected or time.monotonic() > deadline:
            return sent
        time.sleep(0.5)


def deliver(env: dict[str, str], *, count: int, worker_count: int) -> dict[str, float]:
    kind = f"bench_{worker_count}_workers"
    manage(env, "shell", "-c", ENQUEUE.format(count=count, kind=kind))
    handler = CountingServer()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    run_env = {**env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port)}
    try:
        started = time.perf_counter()
        with workers(run_env, worker_count):
            deadline = time.monotonic() + 600
            while handler.received() < count and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(1.0)  # room for a late repeat to show
        with_start = handler.last - started
        spread = max(handler.last - handler.first, 1e-9)
        return {
            "received": handler.received(),
            "distinct": len(handler.ids),
            "repeated": sum(n - 1 for n in handler.ids.values()),
            "seconds": spread,
            "per_second": (count - 1) / spread,
            "with_start": with_start,
            "sent_rows": sent_rows(run_env, kind, count),
        }
    finally:
        controller.stop()


def throughput(label: str, database_url: str | None) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="craniocare-bench-outbox-"))
    env = server_env(database_url, workdir)
    env.update(
        {
            "TASKS_BACKEND": "db",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "WORKER_POLL_SECONDS": "0.2",
            "BACKUP_EVERY_HOURS": "0",  # the sweep's nightly backup is measured elsewhere
        }
    )
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "createcachetable")
        one = deliver(env, count=ONE_WORKER_MESSAGES, worker_count=1)
        print(f"[{label}] one worker, {ONE_WORKER_MESSAGES} queued messages: "
              f"{one['per_second']:.0f} messages/s ({one['seconds']:.1f} s first to last, "
              f"{one['with_start']:.1f} s with the worker's start; {one['received']:.0f} "
              f"received) (budget >= 20/s)")  # fmt: skip
        two = deliver(env, count=TWO_WORKER_MESSAGES, worker_count=2)
        print(f"[{label}] two workers, {TWO_WORKER_MESSAGES} queued messages: "
              f"{two['received']:.0f} received, {two['distinct']:.0f} distinct, "
              f"{two['repeated']:.0f} repeated, {two['sent_rows']} rows sent; "
              f"{two['seconds']:.1f} s first to last ({two['per_second']:.0f}/s), "
              f"{two['with_start']:.1f} s with the workers' start "
              f"(budget: each exactly once)")  # fmt: skip
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def mail_server_in_state(state: str, port: int) -> Iterator[None]:
    """The mail server on `port`: "up" (aiosmtpd), "down" (nothing listens), "never answering"."""
    server: Any = None
    if state == "up":
        server = Controller(CountingServer(), hostname="127.0.0.1", port=port)
        server.start()
    elif state == "never answering":
        server = SilentServer(port)
    try:
        yield
    finally:
        if isinstance(server, Controller):
            server.stop()
        elif server is not None:
            server.close()


def booking_posts(label: str, database_url: str | None) -> None:
    """Booking POSTs with a worker beside the server; the mail server's three states take turns
    (ROUNDS rounds), so a change in the machine's load weighs on all three alike."""
    port = free_port()
    mail_env = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "TASKS_BACKEND": "db",
        "BACKUP_EVERY_HOURS": "0",
    }
    states = ("up", "down", "never answering")
    per_round = POSTS_PER_STATE // ROUNDS
    with running_site(database_url, extra_env=mail_env) as (base, env), workers(env, 1):
        today = datetime.now(UTC).date()
        availability(base, today)  # warm up
        slots = [
            *availability(base, today + timedelta(days=2), days=62)[0],
            *availability(base, today + timedelta(days=64), days=62)[0],
        ]
        starts = iter(separate_starts(slots, count=len(states) * (POSTS_PER_STATE + ROUNDS)))
        results: dict[str, list[float]] = {state: [] for state in states}
        for _ in range(ROUNDS):
            for state in states:
                with mail_server_in_state(state, port):
                    book(base, next(starts), "warm@example.com")  # not counted
                    for index in range(per_round):
                        status, elapsed = book(base, next(starts), f"bench{index}@example.com")
                        assert status == 201, status
                        results[state].append(elapsed)
        parts = [
            f"{state}: p50 {statistics.median(p):.1f} ms, p95 {percentile(p, 0.95):.1f} ms"
            for state, p in results.items()
        ]
        p95s = [percentile(p, 0.95) for p in results.values()]
        print(f"[{label}] booking POST ({POSTS_PER_STATE} each, {ROUNDS} rounds) with the mail "
              f"server {'; '.join(parts)}; spread of p95 {max(p95s) - min(p95s):.1f} ms "
              f"(budget p95 < 60 ms in each, about equal)")  # fmt: skip


def main() -> None:
    # Other work on the machine shows in every figure here; say how busy it was.
    print(f"[outbox] load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start")
    throughput("SQLite", None)
    booking_posts("SQLite", None)
    if fresh_postgres(PG_URL):
        throughput("PostgreSQL", PG_URL)
        fresh_postgres(PG_URL)
        booking_posts("PostgreSQL", PG_URL)
    else:
        print(f"[PostgreSQL] not reachable at {PG_URL}; skipped")


if __name__ == "__main__":
    main()
