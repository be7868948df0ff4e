"""Access getters for services (the rules: craniocare.accounts.access)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from craniocare.accounts.permissions import can_manage_settings

from .models import Service


def services_for(user: Any) -> Any:
    """Services `user` may edit (the Services screen): practitioners only."""
    if not can_manage_settings(user):
        return Service.objects.none()
    return Service.objects.all()


def get_service_for(user: Any, pk: int) -> Service:
    return get_object_or_404(services_for(user), pk=pk)
