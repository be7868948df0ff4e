"""Costs that do not grow with the years (issue 9): the demo practice beside a six-year one.

In a scratch SQLite file (and PostgreSQL with --postgres, or when DATABASE_URL is set): migrate,
seed the demo, measure; load 3,000 clients and 15,000 bookings (bench/years.py, bulk inserts with
the overlap trigger / exclusion constraint on), measure again. Prints two columns: booking_create
median and p95, each office page's p95 and query count (Django's test client, signed in as
Serena with password and TOTP, in-process: no network or server in the figures), and the
calendar feed's p95 as the feed URL serves it (feed_rendered: rendered once per availability
version) and of a fresh render (feed_calendar, after a booking change).

Run: .venv/bin/python bench/bench_years.py [--postgres]   (figures, not a test)
"""

from __future__ import annotations

import logging
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

from bench.serving import fresh_postgres, run_child  # noqa: E402 (after the path is set)

PG_URL = os.environ.get(
    "BENCH_YEARS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/craniocare_bench_years"
)
RUNS = 30
PASSWORD = "bench-demo-password"  # noqa: S105 (a scratch database's demo sign-in)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(run: Callable[[], Any], runs: int = RUNS) -> list[float]:
    run()  # warm
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        out.append((time.perf_counter() - started) * 1000)
    return out


class Practice:
    """What the bench measures, on the database Django is set up on."""

    def __init__(self) -> None:
        from django.test import Client as Browser

        from craniocare.accounts.models import User
        from tests.signin import sign_in_with_mfa

        self.serena = User.objects.get(email="serena@example.com")
        self.browser = sign_in_with_mfa(Browser(), self.serena, PASSWORD)
        self.made = 0

    def _first_free_day(self) -> datetime:
        from django.utils import timezone

        from craniocare.bookings.models import Booking

        last = Booking.objects.order_by("-blocked_end").values_list("blocked_end", flat=True)[0]
        day = last.astimezone(timezone.get_current_timezone()).date() + timedelta(days=2)
        return datetime.combine(day, datetime.min.time(), timezone.get_current_timezone())

    def booking_create(self) -> list[float]:
        from craniocare.bookings.models import Source
        from craniocare.bookings.requests import ClientDetails
        from craniocare.bookings.services import booking_create
        from craniocare.catalog.models import Service

        practitioner = self.serena.practitioner
        service = Service.objects.filter(practitioners=practitioner).order_by("pk").first()
        out = []
        first = self._first_free_day()  # after every booking there is, loaded ones too
        for n in range(RUNS + 1):
            self.made += 1
            start = first + timedelta(hours=2 * n)  # clear of each other
            started = time.perf_counter()
            booking_create(
                service=service,
                start=start,
                client=ClientDetails(name=f"Bench {self.made}", email=f"b{self.made}@example.com"),
                source=Source.OFFICE,
                booked_tz="America/Toronto",
                practitioner=practitioner,
                allow_outside_rules=True,
            )
            out.append((time.perf_counter() - started) * 1000)
        return out[1:]

    def pages(self) -> dict[str, str]:
        from django.db.models import Count
        from django.urls import reverse
        from django.utils import timezone

        from craniocare.bookings.models import Booking
        from craniocare.clients.models import Client

        today = timezone.localdate().isoformat()
        busiest = Client.objects.annotate(n=Count("bookings")).order_by("-n", "pk").first()
        recent = Booking.objects.filter(start__lte=timezone.now()).order_by("-start").first()
        assert busiest is not None and recent is not None
        return {
            "Today": reverse("office:today"),
            "calendar, day": reverse("office:calendar") + f"?date={today}",
            "calendar, week": reverse("office:calendar") + f"?view=week&date={today}",
            "clients list": reverse("office:clients"),
            "client profile": reverse("office:client", args=[busiest.pk]),
            "booking page": reverse("office:booking", args=[recent.pk]),
        }

    def measure(self) -> dict[str, str]:
        from django.db import connection

        from craniocare.bookings.feed import feed_calendar, feed_rendered

        row: dict[str, str] = {}
        creates = self.booking_create()
        row["booking_create median"] = f"{statistics.median(creates):.1f} ms"
        row["booking_create p95"] = f"{p95(creates):.1f} ms"
        for name, url in self.pages().items():
            sent: list[str] = []

            def count(execute: Any, sql: str, *args: Any, sent: list[str] = sent) -> Any:
                sent.append(sql)
                return execute(sql, *args)

            with connection.execute_wrapper(count):
                response = self.browser.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{name} answered {response.status_code}")
            ms = timed(lambda url=url: self.browser.get(url))
            row[f"{name} p95 (queries)"] = f"{p95(ms):.1f} ms ({len(sent)})"
        practitioner = self.serena.practitioner
        events = feed_calendar(practitioner=practitioner).count(b"BEGIN:VEVENT")
        ms = timed(lambda: feed_rendered(practitioner=practitioner), runs=20)
        row["feed p95 (events)"] = f"{p95(ms):.1f} ms ({events})"
        ms = timed(lambda: feed_calendar(practitioner=practitioner), runs=20)
        row["feed, a fresh render p95"] = f"{p95(ms):.1f} ms"
        return row


def child() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings
    from django.utils import timezone

    from bench.years import load_six_years
    from craniocare.bookings.models import Booking
    from craniocare.clients.models import Client

    label = os.environ["BENCH_LABEL"]
    logging.getLogger("craniocare").setLevel(logging.WARNING)  # one line per booking made
    # Plain static URLs: no collectstatic run (the manifest lookup is the same at any size).
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    for command in (["migrate"], ["createcachetable"], ["seed_demo"]):
        call_command(*command, verbosity=0)
    practice = Practice()
    demo = practice.measure()
    demo_size = f"demo ({Booking.objects.count():,} bookings)"
    started = time.perf_counter()
    loaded = load_six_years(timezone.now())
    load_s = time.perf_counter() - started
    years = practice.measure()
    years_size = f"six years ({Booking.objects.count():,} bookings)"
    print(f"[{label}] loaded {Client.objects.count():,} clients, {loaded['bookings']:,} bookings "
          f"in {load_s:.1f} s (bulk inserts, overlap check on)")  # fmt: skip
    print(f"[{label}] {'':30} {demo_size:>24} {years_size:>28}")
    for key in demo:
        print(f"[{label}] {key:30} {demo[key]:>24} {years[key]:>28}")


def run(label: str, database_url: str | None) -> None:
    run_child(
        __file__,
        label,
        database_url,
        ALLOWED_HOSTS="testserver",
        DEMO_PASSWORD=PASSWORD,
        CRANIOCARE_RATELIMITS="off",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    if "--no-sqlite" not in sys.argv:
        run("SQLite", None)
    if "--postgres" not in sys.argv and not os.environ.get("DATABASE_URL"):
        print("[PostgreSQL] not asked for (--postgres or DATABASE_URL); skipped")
        return
    if fresh_postgres(PG_URL):
        run("PostgreSQL", PG_URL)
    else:
        print("[PostgreSQL] not reachable; skipped")


if __name__ == "__main__":
    main()
