"""Fixtures for the public booking pages: a pinned clock and the demo practice.

The clock: Wednesday 2027-01-13 12:00 in Toronto (17:00 UTC), winter: Toronto is UTC-5 and
London UTC+0. The demo's weekly hours (Mon-Fri 09:00-12:00, 13:00-17:00 Toronto) then start at
14:00 London time. Next Monday is 2027-01-18.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from .helpers import NOW


@pytest.fixture
def clock() -> Iterator[Any]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def demo(clock: Any, demo_site: None) -> None:
    """The demo practice, seeded on the pinned clock (its bookings are relative to it)."""
