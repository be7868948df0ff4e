"""Access getters: every back-office lookup of a domain object goes through here (DESIGN rule 6).

A view never writes ``Client.objects.get(pk=pk)``; it asks ``get_client_for(request.user, pk)``.
Each getter answers Http404 both when the object does not exist and when this user may not see
it, so changing an id in a URL reveals nothing. The ``*_for(user)`` querysets are the same rules
for lists and searches; build on them (``clients_for(user).filter(...)``), never on ``.objects``.

Rules today:

- Staff (practitioner and front desk) see every practitioner, booking and client, with the
  client's contact details: they run the schedule together.
- Health information (clinical notes, intake answers, consents' health content, outcomes, the
  notes clients write when they book) is for practitioners only, and only for their own
  clients: clients with at least one booking with them. That one rule is
  ``clinical_clients_for(user)``; every page asks it through ``may_see_health_info`` (one
  client), ``health_info_client_ids`` (a list of bookings or clients, one query) or
  ``get_client_for(user, pk, clinical=True)`` (the gate of every clinical page).
- Anyone else (clients, outsiders, anonymous) sees nothing here.

When the clinical records arrive, add their getters here (``get_note_for(user, pk)`` filtering
through ``clinical_clients_for(user)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from craniocare.bookings.models import Booking
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from craniocare.contact.models import ContactMessage
from craniocare.scheduling.models import Practitioner

from .models import Role, User
from .permissions import can_manage_settings, can_see_clinical, is_staff_member


def practitioners_for(user: Any) -> Any:
    if not is_staff_member(user):
        return Practitioner.objects.none()
    return Practitioner.objects.all()


def bookings_for(user: Any) -> Any:
    """Bookings `user` may see on the schedule (not what the client wrote: see module doc)."""
    if not is_staff_member(user):
        return Booking.objects.none()
    return Booking.objects.all()


def get_booking_for(user: Any, pk: int) -> Booking:
    return get_object_or_404(bookings_for(user), pk=pk)


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
    own_bookings = Booking.objects.filter(client=OuterRef("pk"), practitioner__user=user)
    return Client.objects.filter(Exists(own_bookings))


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


def contact_messages_for(user: Any) -> Any:
    """Contact-form messages in the office inbox: every staff member answers them."""
    if not is_staff_member(user):
        return ContactMessage.objects.none()
    return ContactMessage.objects.all()


def get_contact_message_for(user: Any, pk: int) -> ContactMessage:
    return get_object_or_404(contact_messages_for(user), pk=pk)


def get_own_practitioner(user: Any) -> Practitioner:
    """The signed-in practitioner's own Practitioner row (their availability); 404 without one."""
    return get_object_or_404(practitioners_for(user), user=user)


def services_for(user: Any) -> Any:
    """Services `user` may edit (the Services screen): practitioners only."""
    if not can_manage_settings(user):
        return Service.objects.none()
    return Service.objects.all()


def get_service_for(user: Any, pk: int) -> Service:
    return get_object_or_404(services_for(user), pk=pk)


def staff_members_for(user: Any) -> Any:
    """Staff accounts `user` may manage (Settings): practitioners manage everyone on staff."""
    if not can_manage_settings(user):
        return User.objects.none()
    return User.objects.filter(role__in=[Role.PRACTITIONER, Role.FRONT_DESK])


def get_staff_member_for(user: Any, pk: int) -> Any:
    return get_object_or_404(staff_members_for(user), pk=pk)
