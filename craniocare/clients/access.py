"""Access getters for clients, and THE rule for health information (DESIGN rule 6; the general
rules: craniocare.accounts.access).

- Staff (practitioner and front desk) see every client, with their contact details: they run
  the schedule together.
- Health information (clinical notes, intake answers, consents' health content, outcomes, the
  notes clients write when they book) is for practitioners only, and only for their own
  clients: clients with at least one booking with them. That one rule is
  ``clinical_clients_for(user)``; every page asks it through ``may_see_health_info`` (one
  client), ``health_info_client_ids`` (a list of bookings or clients, one query) or
  ``get_client_for(user, pk, clinical=True)`` (the gate of every clinical page).
- Anyone else (clients, outsiders, anonymous) sees nothing here.

Clients sit below bookings in the layers, so the rule reads "has a booking with them" through
the reverse relation ``Client.bookings`` instead of importing the Booking model.

When the clinical records arrive, add their getters beside their models, filtering through
``clinical_clients_for(user)`` (``get_note_for(user, pk)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.shortcuts import get_object_or_404

from craniocare.accounts.permissions import can_see_clinical, is_staff_member

from .models import Client


def clients_for(user: Any) -> Any:
    """Clients whose name and contact details `user` may see."""
    if not is_staff_member(user):
        return Client.objects.none()
    return Client.objects.all()


def clinical_clients_for(user: Any) -> Any:
    """THE rule for health information: the clients whose health information `user` may see
    (booking notes, the clinical record): a practitioner's own clients, those with at least
    one booking with them. Front desk and everyone else: none."""
    if not can_see_clinical(user):
        return Client.objects.none()
    # A subquery over the reverse relation (one query, each client once): the clients with at
    # least one booking, in any status, with a practitioner whose account is `user`.
    own = Client.objects.filter(bookings__practitioner__user=user).values("pk")
    return Client.objects.filter(pk__in=own)


def may_see_health_info(user: Any, client: Client | int) -> bool:
    """Whether `user` may see `client`'s health information (a Client or its id)."""
    client_id = client if isinstance(client, int) else client.pk
    return bool(client_id) and clinical_clients_for(user).filter(pk=client_id).exists()


def health_info_client_ids(user: Any, client_ids: Iterable[int]) -> frozenset[int]:
    """Of `client_ids`, those whose health information `user` may see, in one query (for lists:
    a day's sessions, search results), by the same rule as `may_see_health_info`."""
    wanted = {pk for pk in client_ids if pk}
    if not wanted or not can_see_clinical(user):
        return frozenset()
    return frozenset(clinical_clients_for(user).filter(pk__in=wanted).values_list("pk", flat=True))


def get_client_for(user: Any, pk: int, *, clinical: bool = False) -> Client:
    """The client `pk` if `user` may see it (its clinical record, with ``clinical=True``)."""
    queryset = clinical_clients_for(user) if clinical else clients_for(user)
    return get_object_or_404(queryset, pk=pk)
