"""Real processes for the outbox tests: `manage.py worker` subprocesses on the test database and a
real SMTP server (aiosmtpd) whose behaviour a test can steer (refuse, hold a delivery).

The workers share the test's own database: pytest-django's file-based SQLite test database or the
PostgreSQL test database, so the tests that use them are `django_db(transaction=True)` (every
write commits and the workers see it). A worker is its own process group; the fixtures kill every
group they started, whatever the test did.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar

from aiosmtpd.controller import Controller
from django.db import connection

from tests.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]
SWEEP_SECONDS = "0.5"
LEASE_SECONDS = 3.0
RETRY_BASE_SECONDS = 0.5
T = TypeVar("T")


# --- the mail server ------------------------------------------------------------------------------


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts. `refuse_next` answers that many DATA
    commands with a temporary failure (451); `hold_at` ("rcpt" or "data") makes the next delivery
    wait at that step until `release` is set: at RCPT nothing has been handed over yet, after DATA
    the server has the whole message but has not said "accepted"."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse_next = 0
        self.refused = 0
        self.hold_at = ""
        self.held = threading.Event()
        self.release = threading.Event()

    async def _hold(self) -> None:
        self.hold_at = ""
        self.held.set()
        while not self.release.is_set():  # never block the server's event loop
            await asyncio.sleep(0.02)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.hold_at == "rcpt":
            await self._hold()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_next > 0:
            self.refuse_next -= 1
            self.refused += 1
            return "451 4.3.0 Mailbox busy, try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)  # type: ignore[arg-type]
        if self.hold_at == "data":
            await self._hold()
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter[str]:
        return Counter(str(message["Message-ID"]) for message in list(self.messages))


class MailServer:
    """A real SMTP server on a port chosen up front, so a test can point the workers at it before
    it is started (a server that is down) and start it later."""

    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Mailbox()
        self.controller: Controller | None = None

    def start(self) -> MailServer:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.inbox.release.set()
            self.controller.stop()
            self.controller = None


# --- the workers ---------------------------------------------------------------------------------


def database_url() -> str:
    """The test database as a DATABASE_URL for the workers."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return "sqlite:///" + str(Path(db["NAME"]).resolve())
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


class Workers:
    """`manage.py worker` processes (what `make worker` runs) on the test database."""

    def __init__(self, log_dir: Path, *, backend: str, mail_port: int, **env: str) -> None:
        self.log_dir = log_dir
        log_dir.mkdir(parents=True, exist_ok=True)
        self.processes: list[subprocess.Popen[bytes]] = []
        self.logs: list[Path] = []
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"CRANIOCARE_TESTING", "DJANGO_SETTINGS_MODULE"}
        }
        self.env.update(
            {
                "DATABASE_URL": database_url(),
                "TASKS_BACKEND": backend,
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(mail_port),
                "EMAIL_USE_TLS": "off",
                "EMAIL_TIMEOUT": "2",
                "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
                "OUTBOX_RETRY_BASE_SECONDS": str(RETRY_BASE_SECONDS),
                "WORKER_POLL_SECONDS": "0.1",
                "BACKUP_EVERY_HOURS": "0",  # the sweep's nightly backup has its own tests
                "DEBUG": "off",
                "CRANIOCARE_TLS": "off",
                "PYTHONUNBUFFERED": "1",
            }
        )
        self.env.update(env)

    def start(self) -> subprocess.Popen[bytes]:
        log = self.log_dir / f"worker-{len(self.processes) + 1}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "worker", "--sweep-seconds", SWEEP_SECONDS],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group: RQ's forked job processes die with it
            )
        self.processes.append(process)
        self.logs.append(log)
        return process

    @staticmethod
    def name(process: subprocess.Popen[bytes]) -> str:
        """The name the worker writes on its claims and attempts (delivery.worker_name)."""
        return f"{socket.gethostname()[:48]}:{process.pid}"

    def kill(self, process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(10)

    def stop_all(self) -> None:
        """Kill every worker's process group (RQ's forked job processes with it). The tests'
        data is thrown away, so there is nothing for a gentler stop to finish."""
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(10)

    def output(self) -> str:
        tails = []
        for log in self.logs:
            text = log.read_text(errors="replace") if log.exists() else ""
            tails.append(f"--- {log.name} ---\n{text[-3000:]}")
        return "\n".join(tails)

    def check_alive(self, *, except_for: tuple[subprocess.Popen[bytes], ...] = ()) -> None:
        for process in self.processes:
            if process not in except_for and process.poll() is not None:
                raise AssertionError(f"a worker exited ({process.returncode}):\n{self.output()}")


def wait_until(
    check: Callable[[], T],
    *,
    what: str,
    workers: Workers | None = None,
    timeout: float = 45.0,
    gone: tuple[subprocess.Popen[bytes], ...] = (),
) -> T:
    """Poll `check` until it returns something true; fail with the workers' output otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if workers is not None:
            workers.check_alive(except_for=gone)
        if time.monotonic() > deadline:
            output = workers.output() if workers is not None else ""
            raise AssertionError(f"waited {timeout:.0f} s for {what}\n{output}")
        time.sleep(0.05)
