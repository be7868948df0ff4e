"""Access getters: every back-office lookup of a domain object goes through one (DESIGN rule 6).

A view never writes ``Client.objects.get(pk=pk)``; it asks ``get_client_for(request.user, pk)``.
Each getter answers Http404 both when the object does not exist and when this user may not see
it, so changing an id in a URL reveals nothing. The ``*_for(user)`` querysets are the same rules
for lists and searches; build on them (``clients_for(user).filter(...)``), never on ``.objects``.

The getters live beside the objects they guard, all built on the role checks in
``craniocare.accounts.permissions``:

- ``craniocare.scheduling.access``: practitioners (and the signed-in practitioner's own row);
- ``craniocare.catalog.access``: services;
- ``craniocare.clients.access``: clients, and THE health-information rule
  (``clinical_clients_for``, ``may_see_health_info``, ``health_info_client_ids``);
- ``craniocare.bookings.access``: bookings;
- ``craniocare.contact.access``: contact-form messages;
- here: staff accounts (Settings).

Anyone who is not staff (clients, outsiders, anonymous) sees nothing through any of them.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from .models import Role, User
from .permissions import can_manage_settings


def staff_members_for(user: Any) -> Any:
    """Staff accounts `user` may manage (Settings): practitioners manage everyone on staff."""
    if not can_manage_settings(user):
        return User.objects.none()
    return User.objects.filter(role__in=[Role.PRACTITIONER, Role.FRONT_DESK])


def get_staff_member_for(user: Any, pk: int) -> Any:
    return get_object_or_404(staff_members_for(user), pk=pk)
