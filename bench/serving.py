"""Benchmark helpers: a seeded scratch database and the server `make serve` starts."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(database_url: str | None, workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "off",
            "CRANIOCARE_TLS": "off",
            "CRANIOCARE_RATELIMITS": "off",
            "SECRET_KEY": "bench-" + "k" * 50,
            "DEMO_PASSWORD": "bench-demo-password",
            "CRANIOCARE_MEDIA_ROOT": str(workdir / "media"),
            "CRANIOCARE_STATIC_ROOT": str(workdir / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
        env["CRANIOCARE_SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    return env


def wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180  # `make serve` may reinstall the venv first
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"`make serve` exited ({process.returncode}):\n{log.read_text()}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except urllib.error.HTTPError:
            # It answered: up. (/healthz says 503 while no worker has written a heartbeat and
            # no backup exists yet, which is the case for a scratch bench database.)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"`make serve` did not answer on {base}:\n{log.read_text()}")


@contextmanager
def running_server(database_url: str | None = None, workers: int = 2) -> Iterator[str]:
    """Seeds a scratch database, runs `make serve` on it (HOST/PORT/WEB_CONCURRENCY from the
    environment, as an operator would), yields the base URL, stops the server."""
    with running_site(database_url, workers) as (base, _):
        yield base


@contextmanager
def running_site(
    database_url: str | None = None, workers: int = 2, extra_env: dict[str, str] | None = None
) -> Iterator[tuple[str, dict[str, str]]]:
    """running_server with `extra_env` on top of the server's environment; yields the base URL
    and that environment (to start a `manage.py worker` on the same database)."""
    workdir = Path(tempfile.mkdtemp(prefix="craniocare-bench-"))
    env = server_env(database_url, workdir)
    env.update(extra_env or {})
    manage = [PY, str(ROOT / "manage.py")]
    for args in (["migrate", "--noinput"], ["createcachetable"], ["flush", "--noinput"]):
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*manage, "seed_demo"], env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    env.update({"HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)})
    log = workdir / "serve.log"
    with log.open("wb") as out:
        # Its own process group, so that stopping it stops make and the server's workers.
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, log)
        yield base, env
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        shutil.rmtree(workdir, ignore_errors=True)


def fresh_postgres(url: str) -> bool:
    """Drop and re-create the PostgreSQL database named at the end of `url`; False when the
    server cannot be reached (the bench then says it skipped PostgreSQL)."""
    name = url.rsplit("/", 1)[1]
    created = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {name}",
         "-c", f"CREATE DATABASE {name}"],
        capture_output=True,
        check=False,
    )  # fmt: skip
    return created.returncode == 0


def run_child(script: str, label: str, database_url: str | None, **extra_env: str) -> None:
    """Run `script --child` in a fresh process against `database_url` (None: a new SQLite file),
    with production-like settings; the child prints its figures under `label`."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="craniocare.settings", BENCH_LABEL=label)
    env.update({"DEBUG": "off", "SECRET_KEY": "b" * 50, "CRANIOCARE_TLS": "off"})
    env.update(extra_env)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env["CRANIOCARE_SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    subprocess.run([sys.executable, script, "--child"], env=env, cwd=ROOT, check=True)


def run_on_both(script: str, child: Callable[[], None], pg_url: str, **extra_env: str) -> None:
    """The `main()` of a child-process bench: SQLite, then PostgreSQL when it can be reached."""
    if "--child" in sys.argv:
        child()
        return
    run_child(script, "SQLite", None, **extra_env)
    if fresh_postgres(pg_url):
        run_child(script, "PostgreSQL", pg_url, **extra_env)
    else:
        print("[PostgreSQL] not reachable; skipped")
