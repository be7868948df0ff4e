"""Mail servers for the tests: a real SMTP server's inbox (aiosmtpd) and one that hangs.
The fixtures that start them are in tests/conftest.py."""

from __future__ import annotations

import contextlib
import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any


@dataclass
class SmtpInbox:
    """Messages received by the test SMTP server, parsed."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class HangingSmtpServer:
    """Accepts connections and never says a word: a mail server that hangs (SMTP waits for the
    server's greeting until EMAIL_TIMEOUT). Records each connection and whether the client has
    given up on it yet."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.port = int(self.listener.getsockname()[1])
        self.connections: list[socket.socket] = []
        self.given_up: list[socket.socket] = []
        self._stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            threading.Thread(target=self._watch, args=(connection,), daemon=True).start()

    def _watch(self, connection: socket.socket) -> None:
        try:
            while connection.recv(1024):  # b"" once the client closes its end
                pass
        except OSError:
            pass
        self.given_up.append(connection)

    def waiting(self, timeout: float = 5.0) -> list[socket.socket]:
        """Connections the client still holds open, once at least one has arrived."""
        deadline = time.monotonic() + timeout
        while not self.connections and time.monotonic() < deadline:
            time.sleep(0.02)
        return [c for c in self.connections if c not in self.given_up]

    def stop(self) -> None:
        self._stopped.set()
        self.listener.close()
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)  # the client sees the server hang up
            connection.close()
