"""Benchmark helpers: a seeded scratch database and a `make serve`-style gunicorn."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
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
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
        env["CRANIOCARE_SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    return env


@contextmanager
def running_server(database_url: str | None = None, workers: int = 2) -> Iterator[str]:
    """Migrates and seeds a scratch database, starts gunicorn, yields the base URL."""
    workdir = Path(tempfile.mkdtemp(prefix="craniocare-bench-"))
    env = server_env(database_url, workdir)
    manage = [PY, str(ROOT / "manage.py")]
    for args in (["migrate", "--noinput"], ["createcachetable"], ["flush", "--noinput"]):
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*manage, "seed_demo"], env=env, cwd=ROOT, check=True, capture_output=True)
    static_root = workdir / "static"
    env["CRANIOCARE_STATIC_ROOT"] = str(static_root)
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True
    )
    port = free_port()
    gunicorn = Path(PY).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "craniocare.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)
