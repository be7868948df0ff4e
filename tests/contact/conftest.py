"""Fixtures for the contact tests: the practice, a valid message, clean rate-limit counters."""

from __future__ import annotations

from typing import Any

import pytest

from craniocare.core.models import PracticeProfile


@pytest.fixture
def practice(db: Any) -> PracticeProfile:
    profile = PracticeProfile(
        name="Serena CranioCare",
        email="serena@example.com",
        phone="+1 416 555 0123",
        reply_time="within one business day",
        time_zone="America/Toronto",
        street_address="12 Quiet Lane",
        locality="Toronto",
        region="ON",
        postal_code="M4M 1A1",
    )
    profile.save()
    return profile


@pytest.fixture
def valid_data() -> dict[str, str]:
    return {
        "name": "Alice Martin",
        "email": "alice@example.com",
        "phone": "+1 (416) 555-0199",
        "topic": "booking",
        "message": "Hello! I have had jaw tension for months. Could I book a first session?",
        "consent": "on",
        "website": "",
    }
