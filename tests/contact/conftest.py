"""Fixtures for the contact tests: the practice, a valid message, clean rate-limit counters."""

from __future__ import annotations

from typing import Any

import pytest

from craniocare.core.models import PracticeProfile
from tests.factories import PracticeProfileFactory


@pytest.fixture
def practice(db: Any) -> PracticeProfile:
    """The practice with the contact details the contact page shows."""
    return PracticeProfileFactory(
        email="serena@example.com",
        phone="+1 416 555 0123",
        reply_time="within one business day",
        street_address="12 Quiet Lane",
        locality="Toronto",
        region="ON",
        postal_code="M4M 1A1",
    )


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
