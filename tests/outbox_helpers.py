"""Run the outbox's real delivery in the test's own process (what the worker's task does)."""

from __future__ import annotations

from craniocare.outbox.delivery import DeliveryReport, deliver_due


def deliver_now() -> DeliveryReport:
    return deliver_due(worker="test")
