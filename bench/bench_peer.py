"""Availability beside the Python peer (django-appointment), in one run, alternating.

The harness is ../shared/bench/peer (its README explains it; `bash setup.sh` there sets the peer
up). Both systems hold about the same bookings: CranioCare runs under `make serve` (2 workers) on
a scratch database seeded with the demo practice, and the peer's own `load_bookings.py` books 500
sessions into it through the API. Then the peer's `bench_slots.py` measures the peer and
CranioCare alternately (peer, CranioCare, peer, CranioCare): a 31-day window (the peer needs 31
requests, CranioCare one) and single-day requests per second with 8 clients.

Targets (issue 9): single-day requests/s at least 5x the peer's; the 31-day window p95 under
8 ms on SQLite and PostgreSQL. Skipped, with a line saying so, when the peer is not set up.

Run: .venv/bin/python bench/bench_peer.py   (ROUNDS=2; BENCH_PEER_DATABASE_URL for PostgreSQL)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_api import postgres_ready
from bench.serving import ROOT, running_server

HARNESS = Path(os.environ.get("PEER_HARNESS", ROOT.parent / "shared" / "bench" / "peer"))
PEER_VENV = Path(os.environ.get("PEER_VENV", "/tmp/peer-venv"))  # noqa: S108 (the harness default)
PEER_SITE = Path(os.environ.get("PEER_SITE", "/tmp/peer-site"))  # noqa: S108 (the harness default)
ROUNDS = int(os.environ.get("ROUNDS", "2"))
BOOKINGS = int(os.environ.get("PEER_BOOKINGS", "500"))
PG_URL = os.environ.get(
    "BENCH_PEER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/craniocare_bench_peer"
)
TARGET = (
    "{base}/api/v1/availability?service=craniosacral-60&start={start}&end={end}&tz=America/Toronto"
)


def peer_ready() -> str | None:
    """Why the comparison cannot run, or None when it can."""
    if not (HARNESS / "bench_slots.py").exists():
        return f"the peer harness is not at {HARNESS}"
    if not (PEER_VENV / "bin" / "python").exists() or not (PEER_SITE / "ids-sqlite.json").exists():
        return f"the peer is not set up (run: cd {HARNESS} && bash setup.sh)"
    return None


def slots_bench(*args: str) -> dict:
    env = dict(os.environ, PEER_DB="sqlite", PEER_VENV=str(PEER_VENV), PEER_SITE=str(PEER_SITE))
    result = subprocess.run(
        ["python3", str(HARNESS / "bench_slots.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def load_bookings(base: str) -> int:
    result = subprocess.run(
        ["python3", str(HARNESS / "load_bookings.py"), base, str(BOOKINGS)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return int(result.stdout.strip().splitlines()[-1])


def ours(base: str) -> dict:
    return slots_bench("--label", "craniocare", "--target", TARGET.replace("{base}", base))


def line(label: str, figures: dict) -> str:
    window, rps = figures["window_total_ms"], figures["single_day_rps"]
    return (
        f"{label:<22} 31-day window p50 {window['p50']:7.1f} ms  p95 {window['p95']:7.1f} ms   "
        f"single day {rps['rps']:7.1f} req/s ({rps['tool']}), errors {figures['errors']}"
    )


def compare_on_sqlite() -> None:
    with running_server(None) as base:
        print(f"CranioCare (SQLite, make serve, 2 workers): {load_bookings(base)} bookings loaded")
        peer_runs, our_runs = [], []
        for round_ in range(1, ROUNDS + 1):
            peer_runs.append(slots_bench())
            print(line(f"peer, round {round_}", peer_runs[-1]))
            our_runs.append(ours(base))
            print(line(f"CranioCare, round {round_}", our_runs[-1]))
    peer_rps = statistics.median(r["single_day_rps"]["rps"] for r in peer_runs)
    our_rps = statistics.median(r["single_day_rps"]["rps"] for r in our_runs)
    peer_window = statistics.median(r["window_total_ms"]["p95"] for r in peer_runs)
    our_window = statistics.median(r["window_total_ms"]["p95"] for r in our_runs)
    print(
        f"SQLite, medians of {ROUNDS} alternating rounds: single day {our_rps / peer_rps:.1f}x "
        f"the peer's requests/s (target >= 5x); 31-day window p95 {our_window:.1f} ms "
        f"(target < 8 ms) vs the peer's {peer_window:.0f} ms ({peer_window / our_window:.0f}x)"
    )


def craniocare_on_postgres() -> None:
    if not postgres_ready(PG_URL):
        print(f"PostgreSQL not reachable at {PG_URL}; skipped")
        return
    with running_server(PG_URL) as base:
        print(f"CranioCare (PostgreSQL): {load_bookings(base)} bookings loaded")
        figures = ours(base)
        print(line("CranioCare, PostgreSQL", figures))
        print(f"PostgreSQL: 31-day window p95 {figures['window_total_ms']['p95']:.1f} ms (< 8 ms)")


def main() -> None:
    reason = peer_ready()
    if reason is not None:
        print(f"Availability beside the peer: skipped, {reason}.")
        return
    compare_on_sqlite()
    craniocare_on_postgres()


if __name__ == "__main__":
    main()
