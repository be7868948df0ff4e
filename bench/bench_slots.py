"""Slot engine benchmark (DESIGN.md §6): 90 days of slots, one practitioner, 2,000 busy intervals.

Mon-Fri 09:00-12:00 and 13:00-17:00 in America/Toronto (the 90 days cross the March DST change),
60-minute service, 30-minute step, 15-minute buffer after. The busy intervals are blocked ranges
of random lengths at random 5-minute-aligned times inside the 90 days, handed over unsorted.

Run: .venv/bin/python bench/bench_slots.py   (a benchmark that prints figures, not a test)
"""

from __future__ import annotations

import random
import statistics
import sys
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from craniocare.lib.intervals import Interval
from craniocare.scheduling.availability import Schedule, WeeklyHours
from craniocare.scheduling.slots import SlotRules, available_slots, is_offered

RUNS = 50
BUSY_COUNT = 2_000
ZONE = ZoneInfo("America/Toronto")
FIRST_DAY = date(2027, 2, 1)
LAST_DAY = FIRST_DAY + timedelta(days=89)
NOW = datetime(2027, 1, 31, 12, 0, tzinfo=UTC)


def schedule() -> Schedule:
    hours = [(time(9), time(12)), (time(13), time(17))]
    weekly = tuple(WeeklyHours(day, start, end) for day in range(5) for start, end in hours)
    return Schedule(zone=ZONE, weekly=weekly)


def busy_intervals(seed: int = 2027) -> list[Interval]:
    rng = random.Random(seed)
    span_start = datetime.combine(FIRST_DAY, time(0), tzinfo=ZONE).astimezone(UTC)
    five_minute_steps = (LAST_DAY - FIRST_DAY).days * 24 * 12
    busy = []
    for _ in range(BUSY_COUNT):
        start = span_start + timedelta(minutes=5 * rng.randrange(five_minute_steps))
        busy.append(Interval(start, start + timedelta(minutes=rng.choice([30, 45, 75, 105]))))
    return busy


def timed(function, runs: int = RUNS) -> list[float]:
    function()  # warm-up
    samples = []
    for _ in range(runs):
        began = clock.perf_counter()
        function()
        samples.append((clock.perf_counter() - began) * 1000)
    return samples


def report(label: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    print(f"{label}: median {statistics.median(ordered):.3f} ms, p95 {p95:.3f} ms")


def main() -> None:
    plan = schedule()
    rules = SlotRules(
        duration=timedelta(minutes=60),
        step=timedelta(minutes=30),
        buffer_after=timedelta(minutes=15),
        min_notice=timedelta(hours=12),
    )
    busy = busy_intervals()

    def run(busy: list[Interval] = busy) -> list:
        return available_slots(
            schedule=plan, rules=rules, first_day=FIRST_DAY, last_day=LAST_DAY, now=NOW, busy=busy
        )

    slots = run()
    free = run([])
    print(
        f"90 days, {BUSY_COUNT:,} busy intervals: {len(slots)} slots "
        f"({len(free)} with no busy time), {RUNS} runs"
    )
    report("available_slots, 90 days, 2,000 busy (budget 5 ms)", timed(run))
    report("available_slots, 90 days, no busy", timed(lambda: run([])))
    probe = slots[len(slots) // 2].start
    assert is_offered(probe, schedule=plan, rules=rules, now=NOW, busy=busy)
    report(
        "is_offered, 2,000 busy",
        timed(lambda: is_offered(probe, schedule=plan, rules=rules, now=NOW, busy=busy)),
    )


if __name__ == "__main__":
    main()
