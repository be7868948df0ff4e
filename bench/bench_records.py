"""A client's clinical record page with 100 signed notes (issue 11's budgets).

Seeds, into a scratch SQLite database (and PostgreSQL when reachable), one practitioner and one
client with 10, then 100, signed session notes (each with an addendum), written through
clinical's write paths. Then, through the full middleware stack (signed in with MFA, like the
office tests), it times the office's clinical record page (``office:client_clinical``: the
record and its list of session notes):
- p95 render time with 100 notes (budget: under 100 ms);
- the number of queries with 10 and with 100 notes (budget: the same);
- what the audit event adds to a record view (budget: under 2 ms): the audit write's own time
  inside each real request (its hook is timed where the page calls it), and, as a cross-check,
  the page's median with and without the write, request by request (this difference carries the
  noise of a 40 ms page, so it is printed, not judged).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import run_on_both  # noqa: E402 (after the path is set)

PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/craniocare_bench_records"
)
ROUNDS = 60
P95_BUDGET_MS = 100.0
AUDIT_BUDGET_MS = 2.0


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def child() -> None:
    import django

    django.setup()
    from datetime import timedelta

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as Browser
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse
    from django.utils import timezone

    from craniocare.clients import hooks
    from craniocare.clinical.services import addendum_add
    from tests.clinical.helpers import signed_note as sign_note
    from tests.factories import PracticeProfileFactory, ServiceFactory
    from tests.office.helpers import book
    from tests.personas import client_user, practitioner_user
    from tests.signin import sign_in_with_mfa

    # Plain static URLs: no collectstatic run (as bench_years.py; the lookup is not the cost).
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    PracticeProfileFactory()
    serena = practitioner_user("serena", "Serena", "Hale")
    alice = client_user("alice@example.com", "Alice Martin").client
    service = ServiceFactory(slug="craniosacral-60", practitioners=[serena.practitioner])
    browser = sign_in_with_mfa(Browser(HTTP_HOST="localhost"), serena)
    url = reverse("office:client_clinical", args=[alice.pk])
    base = (timezone.now() - timedelta(days=1)).replace(hour=15, minute=0, second=0, microsecond=0)

    def add_notes(upto: int, start: int) -> None:
        for day in range(start, upto):
            note = sign_note(book(serena, alice, service, base - timedelta(days=day)), serena)
            addendum_add(note=note, author=serena, reason="Late detail", text="Slept well.")

    def timed(rounds: int = ROUNDS) -> list[float]:
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            response = browser.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        return timings

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            browser.get(url)
        return len(captured.captured_queries)

    label = os.environ["BENCH_LABEL"]
    add_notes(10, 0)
    timed(5)  # warm up
    with_10 = queries()
    add_notes(100, 10)
    assert browser.get(url).content.decode().count("1 addendum") == 100
    with_100 = queries()
    timed(5)
    # With and without the audit write, alternating request by request, so that the machine's
    # drift (other processes) falls on both sides alike.
    receiver = hooks._registered[0]
    audited: list[float] = []
    unaudited: list[float] = []
    writes: list[float] = []

    def timed_receiver(**kwargs: object) -> None:
        started = time.perf_counter()
        receiver(**kwargs)
        writes.append((time.perf_counter() - started) * 1000)

    try:
        for _ in range(ROUNDS * 2):
            hooks._registered[:] = [timed_receiver]
            audited += timed(1)
            hooks._registered[:] = [lambda **_kwargs: None]  # the page without its audit write
            unaudited += timed(1)
    finally:
        hooks._registered[:] = [receiver]
    page_p95 = p95(audited)
    added = statistics.median(audited) - statistics.median(unaudited)
    write = statistics.median(writes)
    load = os.getloadavg()[0]
    verdict = "ok" if write < AUDIT_BUDGET_MS else "OVER BUDGET"
    print(f"[{label}] record page, 100 signed notes: median {statistics.median(audited):.1f} ms, "
          f"p95 {page_p95:.1f} ms (budget < {P95_BUDGET_MS:.0f} ms) "
          f"{'ok' if page_p95 < P95_BUDGET_MS else 'OVER BUDGET'}")  # fmt: skip
    print(f"[{label}] queries: {with_10} with 10 notes, {with_100} with 100 notes "
          f"{'ok (constant)' if with_10 == with_100 else 'NOT CONSTANT'}")  # fmt: skip
    print(f"[{label}] audit event per view, timed inside the request: median {write:.2f} ms, "
          f"p95 {p95(writes):.2f} ms (budget < {AUDIT_BUDGET_MS:.0f} ms) {verdict}")  # fmt: skip
    print(f"[{label}] cross-check, page median without / with the write: "
          f"{statistics.median(unaudited):.1f} / {statistics.median(audited):.1f} ms "
          f"({added:+.2f} ms)")  # fmt: skip
    print(f"[{label}] (load average {load:.1f} on {os.cpu_count()} cores while measuring)")


def main() -> None:
    run_on_both(__file__, child, PG_URL, TASKS_BACKEND="immediate")


if __name__ == "__main__":
    main()
