from typing import Any

import pytest

from tests.bookings.fixtures import *  # noqa: F403  (the shared fixtures)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: pytest.FixtureRequest) -> None:
    """Rate limits have their own test (test_rate_limits.py); elsewhere they stay out of the way."""
    settings.RATELIMITS_ENABLED = False  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _clock(clock: Any) -> None:
    """The API reads the real clock: pin it to tests.clock.NOW (Wednesday 2027-03-03 12:00
    in Toronto)."""
