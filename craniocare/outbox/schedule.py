"""Periodic jobs the worker's sweep runs: higher apps register theirs from AppConfig.ready()
(reminders due, waitlist offers expired, the nightly backup), so the outbox never imports them.
Each job must be safe to run twice at once (two workers): claim rows with conditional updates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[], object]


_jobs: dict[str, PeriodicJob] = {}


def register_periodic(name: str, run: Callable[[], object]) -> None:
    _jobs[name] = PeriodicJob(name, run)


def periodic_jobs() -> list[PeriodicJob]:
    return list(_jobs.values())
