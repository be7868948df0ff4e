"""A client's own record, downloaded (issue 11: "the PDF export of a client with 100 sessions is
ready in under 2 s; the JSON in under 300 ms").

In a scratch SQLite file (and PostgreSQL when reachable): migrate, seed the demo, then one client
with 100 past sessions, each with a note written and signed through the write paths (every tenth
with an addendum), a submitted intake form and three consents (one withdrawn). Times the portal's
three downloads as the views build them (record_json, record_pdf, record_fhir_json: everything
but the HTTP layer and the audit event), with their query counts.

Run: .venv/bin/python bench/bench_record_export.py   (figures, not a test)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import run_on_both  # noqa: E402 (after the path is set)

PG_URL = os.environ.get(
    "BENCH_RECORDS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/craniocare_bench_records"
)
SESSIONS = 100
BUDGETS_MS = {"JSON": 300.0, "PDF": 2000.0, "FHIR": None}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(run: Callable[[], Any], runs: int) -> list[float]:
    run()  # warm
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        out.append((time.perf_counter() - started) * 1000)
    return out


def build_client(now: datetime) -> Any:
    """The client of the bench, with SESSIONS signed notes, an intake and three consents."""
    from django.utils import timezone

    from craniocare.bookings.models import Booking, Source, Status
    from craniocare.catalog.models import Service
    from craniocare.clients.models import Client
    from craniocare.clinical.services import (
        NoteContent,
        addendum_add,
        note_sign,
        note_start,
        note_update,
    )
    from craniocare.intake.selectors import current_document
    from craniocare.intake.services import consent_give, consent_withdraw
    from craniocare.scheduling.models import Practitioner
    from tests.intake.helpers import submit_intake  # the answers that complete the default form

    practitioner = Practitioner.objects.filter(active=True, user__isnull=False).order_by("pk")[0]
    service = Service.objects.filter(practitioners=practitioner).order_by("pk")[0]
    client = Client.objects.create(
        name="Rowan Benchley", email="rowan@bench.example", phone="+1 416 555 0142"
    )
    zone = timezone.get_current_timezone()
    first_day = (now - timedelta(days=60)).astimezone(zone).date()
    bookings = []
    for week in range(SESSIONS):  # weekly at 7 a.m., before any demo booking's hours
        start = datetime.combine(first_day - timedelta(weeks=week), datetime.min.time(), zone)
        start = start.replace(hour=7)
        end = start + timedelta(minutes=service.duration_minutes)
        bookings.append(
            Booking(
                practitioner=practitioner,
                service=service,
                client=client,
                client_name=client.name,
                client_email=client.email,
                start=start,
                end=end,
                blocked_start=start,
                blocked_end=end,
                booked_tz=str(zone),
                status=Status.COMPLETED,
                source=Source.OFFICE,
                manage_token_hash="0" * 64,
            )
        )
    Booking.objects.bulk_create(bookings)
    author = practitioner.user
    content = NoteContent(
        subjective="Jaw tight on waking; headaches twice this week. " * 3,
        pain=[{"area": "jaw, left", "score": 6}, {"area": "lower back", "score": 3}],
        findings="Restricted motion at the left TMJ; sacrum slow to settle. " * 3,
        areas=["jaw_tmj_left", "sacrum", "diaphragm", "neck"],
        techniques=["still_point", "sacral_release", "diaphragm_release"],
        techniques_other="Gentle occipital hold",
        noticed=["warmth", "release"],
        plan="Two weeks; intraoral work if the consent is in place.",
    )
    for index, booking in enumerate(Booking.objects.filter(client=client).order_by("start")):
        note = note_update(
            note=note_start(booking=booking, author=author), content=content, author=author
        )
        note = note_sign(note=note, signer=author)
        if index % 10 == 0:
            addendum_add(note=note, author=author, reason="Correction", text="Right TMJ, not left.")
    submit_intake(client)
    for kind in ("general", "intraoral", "pelvic"):
        consent = consent_give(
            client=client,
            document=current_document(kind),
            full_name=client.name,
            signature_text=client.name,
            ip_address="203.0.113.7",
        )
    consent_withdraw(consent=consent, reason="I would rather wait.")
    return client


def child() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from craniocare.portal.export import record_json
    from craniocare.portal.fhir import record_fhir_json
    from craniocare.portal.pdf import record_pdf

    for command in (["migrate"], ["createcachetable"], ["seed_demo"]):
        call_command(*command, verbosity=0)
    now = timezone.now()
    client = build_client(now)
    label = os.environ["BENCH_LABEL"]
    downloads: list[tuple[str, Callable[[], bytes], int]] = [
        ("JSON", lambda: record_json(client=client, now=now), 20),
        ("PDF", lambda: record_pdf(client=client, now=now), 5),
        ("FHIR", lambda: record_fhir_json(client=client, now=now), 20),
    ]
    for name, make, runs in downloads:
        with CaptureQueriesContext(connection) as queries:
            size = len(make())
        timings = timed(make, runs)
        budget = BUDGETS_MS[name]
        verdict = ""
        if budget is not None:
            verdict = f", budget {budget:.0f} ms: {'ok' if p95(timings) < budget else 'OVER'}"
        median, worst = statistics.median(timings), p95(timings)
        print(f"[{label}] record {name} of a client with {SESSIONS} signed notes: "
              f"{size / 1024:.0f} KiB, {len(queries)} queries, "
              f"median {median:.0f} ms, p95 {worst:.0f} ms{verdict}")  # fmt: skip


def main() -> None:
    run_on_both(__file__, child, PG_URL)


if __name__ == "__main__":
    main()
