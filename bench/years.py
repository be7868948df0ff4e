"""A six-year practice for the benchmarks: 3,000 clients and 15,000 bookings for the demo
practitioners, loaded with bulk inserts into whatever database Django is set up on.

The overlap trigger (SQLite) and exclusion constraint (PostgreSQL) stay on: the loader never
writes two active bookings of one practitioner that overlap, because it lays sessions on a grid
that keeps clear of the bookings already there (the demo's). Past sessions are completed (a few
cancelled or no-show), future ones confirmed; created_at is set to some days before the start,
as if each had been booked then.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

CLIENTS = 3_000
BOOKINGS = 15_000
YEARS = 6
BATCH = 1_000
STARTS = [time(9), time(10, 45), time(13), time(14, 45), time(16, 30)]  # 1 h 45 apart at least


def load_six_years(now: datetime, seed: int = 2027) -> dict[str, Any]:
    """Adds CLIENTS clients and BOOKINGS bookings over YEARS years ending a few weeks after
    `now`; returns what it added (counts) for the bench to print."""
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from craniocare.bookings.models import ACTIVE_STATUSES, Booking, Source, Status
    from craniocare.catalog.models import Service
    from craniocare.clients.models import Client, phone_digits
    from craniocare.core.availability_version import (
        PRACTICE,
        bump_availability,
        practitioner_scope,
    )
    from craniocare.scheduling.models import Practitioner

    rng = random.Random(seed)
    zone = timezone.get_current_timezone()
    practitioners = list(Practitioner.objects.filter(active=True).order_by("pk"))
    offered = {
        p.pk: list(Service.objects.filter(practitioners=p, duration_minutes__lte=90)) or [None]
        for p in practitioners
    }
    first = ["Maria", "Mark", "Amara", "Lena", "Omar", "Jun", "Priya", "Sam", "Noor", "Ada"]
    with transaction.atomic():
        start_id = Client.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        Client.objects.bulk_create(
            Client(
                name=f"{first[i % len(first)]} Sixyear{i}",
                email=f"sixyear{i}@example.com",
                phone=f"+1 416 555 {i:04d}",
                phone_digits=phone_digits(f"+1 416 555 {i:04d}"),
            )
            for i in range(CLIENTS)
        )
        clients = list(Client.objects.filter(pk__gt=start_id).values_list("pk", "name", "email"))
        # Blocked ranges to keep clear of: the bookings already there (the demo's, a few dozen)
        # and the ones laid here (in time order, so only the last few can meet the next).
        existing: dict[int, list[tuple[datetime, datetime]]] = {p.pk: [] for p in practitioners}
        for pid, b_start, b_end in Booking.objects.filter(status__in=ACTIVE_STATUSES).values_list(
            "practitioner_id", "blocked_start", "blocked_end"
        ):
            existing.setdefault(pid, []).append((b_start, b_end))
        laid: dict[int, list[tuple[datetime, datetime]]] = {p.pk: [] for p in practitioners}

        # Every free cell of the grid over the years, then BOOKINGS of them at random.
        last_day = (now + timedelta(days=42)).astimezone(zone).date()
        cells = []
        day = last_day - timedelta(days=YEARS * 365)
        while day <= last_day:
            if day.weekday() < 5:
                cells.extend(
                    (practitioner, day, at) for practitioner in practitioners for at in STARTS
                )
            day += timedelta(days=1)
        rows: list[Booking] = []
        made = 0
        for practitioner, day, at in sorted(
            rng.sample(cells, min(len(cells), BOOKINGS + len(cells) // 50)),
            key=lambda cell: (cell[1], cell[2], cell[0].pk),
        ):
            service = rng.choice(offered[practitioner.pk])
            if service is None or made >= BOOKINGS:
                continue
            start = datetime.combine(day, at, zone)
            end = start + timedelta(minutes=service.duration_minutes)
            b_start = start - timedelta(minutes=service.buffer_before_minutes)
            b_end = end + timedelta(minutes=service.buffer_after_minutes)
            mine = laid[practitioner.pk]
            nearby = [*mine[-len(STARTS) :], *existing[practitioner.pk]]
            if any(s < b_end and b_start < e for s, e in nearby):
                continue
            past = start < now
            status = Status.COMPLETED if past else Status.CONFIRMED
            roll = rng.random()
            if roll < 0.06:
                status = Status.CANCELLED
            elif past and roll < 0.08:
                status = Status.NO_SHOW
            if status != Status.CANCELLED:
                mine.append((b_start, b_end))
            cid, name, email = clients[made % len(clients)]
            rows.append(
                Booking(
                    practitioner=practitioner,
                    service=service,
                    client_id=cid,
                    client_name=name,
                    client_email=email,
                    start=start,
                    end=end,
                    blocked_start=b_start,
                    blocked_end=b_end,
                    booked_tz=str(zone),
                    status=status,
                    source=rng.choice([Source.ONLINE, Source.OFFICE]),
                    manage_token_hash="0" * 64,
                    cancelled_at=start - timedelta(days=1) if status == Status.CANCELLED else None,
                )
            )
            made += 1
            if len(rows) >= BATCH:
                Booking.objects.bulk_create(rows)
                rows = []
        Booking.objects.bulk_create(rows)
        # As if each had been booked some days before its start (auto_now_add set "now").
        loaded = Booking.objects.filter(manage_token_hash="0" * 64)
        loaded.update(created_at=F("start") - timedelta(days=7))
        # Bulk inserts send no signals: give every practitioner a new availability version, as
        # the write paths do, so no answer cached before the load is served after it.
        bump_availability(PRACTICE, *(practitioner_scope(p.pk) for p in Practitioner.objects.all()))
    return {"clients": CLIENTS, "bookings": made, "days": YEARS * 365}
