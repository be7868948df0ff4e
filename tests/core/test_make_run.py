"""`make run` keeps the install and database steps quiet unless they fail, so the first lines a
person reads are the address and the sign-ins (README, "Two commands")."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOISE = "SetuptoolsDeprecationWarning: a screenful of build warnings"

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def fake_python(tmp_path: Path, exit_code: int) -> Path:
    """A stand-in for .venv/bin/python whose "pip install" is noisy and ends with exit_code."""
    script = tmp_path / "python"
    script.write_text(f'#!/bin/sh\necho "{NOISE}"\necho "$@" >&2\nexit {exit_code}\n')
    script.chmod(0o755)
    return script


def install(tmp_path: Path, exit_code: int) -> subprocess.CompletedProcess[str]:
    """The real install recipe of the Makefile, with pip replaced by the stand-in."""
    return make(
        "-B",
        "venv",
        f"PY={fake_python(tmp_path, exit_code)}",
        f"STAMP={tmp_path / 'stamp'}",
        f"INSTALL_LOG={tmp_path / 'install.log'}",
    )


def test_a_successful_install_prints_one_line_and_keeps_pips_output_in_the_log(tmp_path):
    result = install(tmp_path, exit_code=0)
    assert result.returncode == 0, result.stderr
    printed = (result.stdout + result.stderr).strip().splitlines()
    assert printed == [
        "Installing CranioCare into .venv (the first run takes a minute or two; "
        f"log: {tmp_path / 'install.log'})"
    ]
    assert NOISE in (tmp_path / "install.log").read_text()
    assert (tmp_path / "stamp").exists()


def test_a_failed_install_shows_pips_output_and_says_where_the_log_is(tmp_path):
    result = install(tmp_path, exit_code=1)
    assert result.returncode != 0
    assert NOISE in result.stderr
    assert "-m pip install --upgrade pip" in result.stderr
    assert f"installing the dependencies failed (the full output is in {tmp_path}" in result.stderr
    assert not (tmp_path / "stamp").exists()


def test_make_run_prints_the_address_and_sign_ins_before_the_server_starts():
    """A dry run (make -n -B) of `make run`: pip, migrate, createcachetable and the seed all write
    to a log; the first thing echoed is the address, then the sign-ins, then the server."""
    lines = make("-n", "-B", "run").stdout.splitlines()  # -B: as on a fresh machine
    for step in ("pip install", "migrate --noinput", "createcachetable", "seed_demo"):
        commands = [line for line in lines if step in line]
        assert commands, step
        assert all("2>&1" in line and ".log" in line for line in commands), commands
    echoed = [line for line in lines if line.startswith("echo ") and "Installing" not in line]
    spoken = [line for line in echoed if line.strip() not in ("echo", 'echo ""')]
    assert "CranioCare is starting on http://" in spoken[0]
    assert "serena@example.com" in spoken[1]
    assert lines[-1].endswith("manage.py runserver 127.0.0.1:8000")
