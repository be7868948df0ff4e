"""Session notes on other apps' office pages, without those apps importing clinical.

- ``{% client_session_notes client %}`` on the client's clinical record page
  (templates/clients/office/client_clinical.html): the client's notes with their addenda. The
  page's view writes the record's one audit event (clients/hooks.py), not this tag.
- ``{% session_note_link booking %}`` on the booking page (templates/bookings/office/): a link
  to the booking's note for the practitioner who may see it, nothing for anyone else.
"""

from __future__ import annotations

from typing import Any

from django import template

from craniocare.bookings.models import Booking
from craniocare.clients.access import may_see_health_info
from craniocare.clients.models import Client

from ..models import SessionNote
from ..selectors import client_notes, labels_of

register = template.Library()


@register.inclusion_tag("clinical/office/_client_notes.html", takes_context=True)
def client_session_notes(context: dict[str, Any], client: Client) -> dict[str, Any]:
    notes = client_notes(user=context["request"].user, client=client)
    return {"notes": [(note, labels_of(note)) for note in notes]}


@register.inclusion_tag("clinical/office/_note_link.html", takes_context=True)
def session_note_link(context: dict[str, Any], booking: Booking) -> dict[str, Any]:
    user = context["request"].user
    if not may_see_health_info(user, booking.client_id):
        return {"show": False}
    note = SessionNote.objects.filter(booking=booking).only("pk", "signed_at").first()
    return {"show": True, "booking": booking, "note": note}
