"""Access getters for practitioners (the rules: craniocare.accounts.access).

Staff (practitioner and front desk) see every practitioner: they run the schedule together.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from craniocare.accounts.permissions import is_staff_member

from .models import Practitioner


def practitioners_for(user: Any) -> Any:
    if not is_staff_member(user):
        return Practitioner.objects.none()
    return Practitioner.objects.all()


def get_own_practitioner(user: Any) -> Practitioner:
    """The signed-in practitioner's own Practitioner row (their availability); 404 without one."""
    return get_object_or_404(practitioners_for(user), user=user)
