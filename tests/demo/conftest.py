"""Fixtures for the demo tests: the practice (for the articles) and an isolated media folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from craniocare.core.models import PracticeProfile


@pytest.fixture
def practice(db: Any) -> PracticeProfile:
    profile = PracticeProfile(
        name="Serena CranioCare",
        practitioner_name="Serena Walsh",
        practitioner_title="CranioSacral Therapist",
        time_zone="America/Toronto",
    )
    profile.save()
    return profile


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """The demo's covers go to a temporary folder, never the project's media/."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture(autouse=True)
def _plain_http(settings: Any) -> None:
    """The test client speaks plain HTTP, however pytest-django loaded the settings."""
    settings.SECURE_SSL_REDIRECT = False
