"""Access getters for session notes, on THE health-information rule of
craniocare/clients/access.py: a practitioner sees the notes of their own clients only; front
desk, clients and anyone else see none (404, the same answer as for a note that does not exist).

Writing (starting, editing, signing a note, adding an addendum) is for the practitioner of the
booking only: another practitioner who also treats the client may read the note, not write it.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from craniocare.bookings.models import Booking
from craniocare.clients.access import clinical_clients_for

from .models import NoteTemplate, SessionNote


def notes_for(user: Any) -> Any:
    """Session notes whose content `user` may read."""
    return SessionNote.objects.filter(client__in=clinical_clients_for(user))


def get_note_booking_for(user: Any, booking_id: int, *, write: bool = False) -> Booking:
    """The booking `booking_id` if `user` may read its note (write it, with ``write=True``)."""
    booking = get_object_or_404(
        Booking.objects.select_related("client", "practitioner", "service").filter(
            client__in=clinical_clients_for(user)
        ),
        pk=booking_id,
    )
    if write and booking.practitioner.user_id != user.pk:
        raise Http404("Only the booking's practitioner writes its note.")
    return booking


def templates_for(user: Any) -> Any:
    """The note templates of `user` (a practitioner's own)."""
    return NoteTemplate.objects.filter(practitioner__user_id=user.pk)
