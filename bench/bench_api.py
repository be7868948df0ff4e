"""JSON API against a `make serve`-style server, on SQLite and (when reachable) PostgreSQL.

Prints p50/p95 of the 31-day availability request and of an uncontended booking POST, and the
100-way race on one slot (bookings made, conflicts, errors, slowest answer). DESIGN.md §6:
availability p95 < 30 ms, booking POST p95 < 60 ms, race: exactly one booking, no 5xx, all
answered within 2 s. Set BENCH_DATABASE_URL to choose the PostgreSQL server (default
postgres://postgres@127.0.0.1:5432/craniocare_bench); it is recreated for the run.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serving import running_server

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/craniocare_bench")


def request(base: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict, float]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    payload = json.dumps(body) if body is not None else None
    headers = {"Content-Type": "application/json"} if body is not None else {}
    started = time.perf_counter()
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return response.status, (json.loads(data) if data else {}), elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def availability(base: str, first: date, days: int = 31) -> tuple[list[dict], float]:
    last = first + timedelta(days=days - 1)
    status, body, elapsed = request(
        base,
        "GET",
        f"/api/v1/availability?service=craniosacral-60&start={first}&end={last}&tz=America/Toronto",
    )
    assert status == 200, (status, body)
    return body["slots"], elapsed


def book(base: str, start: str, email: str) -> tuple[int, float]:
    body = {
        "service": "craniosacral-60",
        "start": start,
        "client": {"name": "Bench Client", "email": email},
    }
    status, _, elapsed = request(base, "POST", "/api/v1/bookings", body)
    return status, elapsed


def race(base: str, start: str, attempts: int = 100) -> dict[str, float]:
    barrier = threading.Barrier(attempts)
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def attempt(index: int) -> None:
        barrier.wait()
        try:
            outcome = book(base, start, f"race{index}@example.com")
        except OSError:
            outcome = (599, 0.0)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = [status for status, _ in results]
    return {
        "booked": statuses.count(201),
        "conflicts": statuses.count(409),
        "errors": sum(1 for s in statuses if s >= 500 or s not in (201, 409)),
        "slowest_ms": max(elapsed for _, elapsed in results),
    }


def separate_starts(slots: list[dict], count: int) -> list[str]:
    """Starts far enough apart (75 min: a session and its buffer) not to conflict."""
    chosen: list[str] = []
    free_from: datetime | None = None
    for slot in slots:
        start = datetime.fromisoformat(slot["start"])
        if free_from is None or start >= free_from:
            chosen.append(slot["start"])
            free_from = start + timedelta(minutes=75)
        if len(chosen) == count:
            break
    return chosen


def run(label: str, database_url: str | None) -> None:
    with running_server(database_url) as base:
        today = datetime.now(UTC).date()
        availability(base, today)  # warm up
        timings = [availability(base, today + timedelta(days=i % 60))[1] for i in range(200)]
        print(f"[{label}] availability 31 days: p50 {statistics.median(timings):.1f} ms, "
              f"p95 {percentile(timings, 0.95):.1f} ms (budget p95 < 30 ms)")  # fmt: skip
        slots = availability(base, today + timedelta(days=30), days=62)[0]
        targets = separate_starts(slots[1:], count=100)
        posts = []
        for index, start in enumerate(targets):
            status, elapsed = book(base, start, f"bench{index}@example.com")
            assert status == 201, status
            posts.append(elapsed)
        print(f"[{label}] booking POST ({len(posts)} uncontended): "
              f"p50 {statistics.median(posts):.1f} ms, p95 {percentile(posts, 0.95):.1f} ms "
              f"(budget p95 < 60 ms)")  # fmt: skip
        contested = availability(base, today + timedelta(days=30))[0][0]["start"]
        outcome = race(base, contested)
        print(f"[{label}] 100-way race on one slot: {outcome['booked']} booked, "
              f"{outcome['conflicts']} conflicts, {outcome['errors']} errors, slowest "
              f"{outcome['slowest_ms']:.0f} ms (budget: 1 booked, 0 errors, < 2 s)")  # fmt: skip


def postgres_ready(url: str) -> bool:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    base = ["psql", "-h", parts.hostname or "127.0.0.1", "-U", parts.username or "postgres"]
    try:
        subprocess.run([*base, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True,
                       capture_output=True)  # fmt: skip
        subprocess.run([*base, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def main() -> None:
    run("SQLite", None)
    if postgres_ready(PG_URL):
        run("PostgreSQL", PG_URL)
    else:
        print(f"[PostgreSQL] not reachable at {PG_URL}; skipped")


if __name__ == "__main__":
    main()
