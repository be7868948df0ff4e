"""Write path for the practice's settings (the office's Settings screen)."""

from __future__ import annotations

from typing import Any

from .models import PracticeProfile


def practice_profile_update(*, profile: PracticeProfile, **fields: Any) -> PracticeProfile:
    """Change the practice's identity and policies (only the fields given)."""
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile
