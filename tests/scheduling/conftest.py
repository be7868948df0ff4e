"""The slot engine is pure code: these tests need neither a database nor Django settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Overrides the suite-wide cache reset, which needs Django settings these tests never use."""
    yield
