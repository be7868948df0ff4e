"""Access getters: every back-office lookup of a domain object goes through here (DESIGN rule 6).

A view never writes ``Client.objects.get(pk=pk)``; it asks ``get_client_for(request.user, pk)``.
Each getter answers Http404 both when the object does not exist and when this user may not see
it, so changing an id in a URL reveals nothing. The ``*_for(user)`` querysets are the same rules
for lists and searches; build on them (``clients_for(user).filter(...)``), never on ``.objects``.

Rules today:

- Staff (practitioner and front desk) see every practitioner, booking and client, with the
  client's contact details: they run the schedule together.
- Clinical matters (notes, intake answers, consents' health content, outcomes, booking notes)
  are for practitioners only, and only for their own clients: clients with at least one booking
  with them. ``get_client_for(user, pk, clinical=True)`` is the gate for every clinical page.
- Anyone else (clients, outsiders, anonymous) sees nothing here.

When the clinical records arrive, add their getters here (``get_note_for(user, pk)`` filtering
through ``clinical_clients_for(user)``).
"""

from __future__ import annotations

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


def get_practitioner_for(user: Any, pk: int) -> Practitioner:
    return get_object_or_404(practitioners_for(user), pk=pk)


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
    """Clients whose clinical record `user` may open: a practitioner's own clients."""
    if not can_see_clinical(user):
        return Client.objects.none()
    own_bookings = Booking.objects.filter(client=OuterRef("pk"), practitioner__user=user)
    return Client.objects.filter(Exists(own_bookings))


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
