"""Back-office client search with thousands of clients (issue 4: "fast with thousands").

Seeds 5,000 clients into a scratch SQLite database (and PostgreSQL when reachable) and times
the office's client search selector (what the Clients page runs) for name, email, phone.
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
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/craniocare_bench_office"
)
QUERIES = ["mar", "client4321@", "416 555 43", "zzz-no-match"]
CLIENTS = 5_000


def child() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from craniocare.accounts.models import Role, User
    from craniocare.clients.models import Client
    from craniocare.clients.selectors import client_search

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    first = ["Maria", "Mark", "Amara", "Lena", "Omar", "Jun", "Priya", "Sam", "Noor", "Ada"]
    Client.objects.bulk_create(
        Client(
            name=f"{first[i % len(first)]} Example{i}",
            email=f"client{i}@example.com",
            phone=f"+1 416 555 {i:04d}",
        )
        for i in range(CLIENTS)
    )
    for client in Client.objects.filter(phone_digits=""):  # bulk_create skips save()
        client.save()
    serena = User.objects.create_user(
        "serena@bench.example", "x" * 20, role=Role.PRACTITIONER, is_staff=True
    )
    label = os.environ["BENCH_LABEL"]
    for query in QUERIES:
        timings = []
        for _ in range(30):
            started = time.perf_counter()
            found = list(client_search(user=serena, query=query)[:25])
            timings.append((time.perf_counter() - started) * 1000)
        print(f"[{label}] search {query!r} in {CLIENTS:,} clients: {len(found)} shown, "
              f"median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms")  # fmt: skip


def main() -> None:
    run_on_both(__file__, child, PG_URL)


if __name__ == "__main__":
    main()
