"""Access getters for services (the rules: craniocare.accounts.access)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Model
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


def offerers_for(user: Any) -> Any:
    """Practitioners `user` may name as offering a service (the Services form): practitioners
    only, like the screen. `Practitioner` is scheduling's, a layer above catalog, so it is
    reached through catalog's own relation (`Service.practitioners`) instead of an import."""
    practitioner_model = cast(type[Model], Service._meta.get_field("practitioners").related_model)
    if not can_manage_settings(user):
        return practitioner_model._default_manager.none()
    return practitioner_model._default_manager.all()
