"""Fixtures for the blog and demo tests: the practice (with its author's name) and an isolated
media folder; tests/blog/conftest.py and tests/demo/conftest.py load them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from craniocare.core.models import PracticeProfile
from tests.factories import PracticeProfileFactory


@pytest.fixture
def practice(db: Any) -> PracticeProfile:
    return PracticeProfileFactory(
        practitioner_name="Serena Walsh", practitioner_title="CranioSacral Therapist"
    )


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploaded and generated covers go to a temporary folder, never the project's media/."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture(autouse=True)
def _plain_http(settings: Any) -> None:
    """The test client speaks plain HTTP. tests/conftest.py turns TLS off through the
    environment, but when pytest-django has imported the settings first (a bare `pytest` run
    without `make test`), the HTTPS redirect is still on; switch it off here too."""
    settings.SECURE_SSL_REDIRECT = False
