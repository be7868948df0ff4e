"""What intake gives the layers below it (registered in apps.py): the links a booking's emails
and reminders carry, and the portal's list of what a client still has to do."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from craniocare.bookings.models import Booking
from craniocare.clients.models import Client
from craniocare.clients.records import ClientTask

from .selectors import (
    consents_missing,
    current_document,
    kind_label,
    latest_submitted,
    valid_kinds_by_client,
)
from .tokens import consent_link_for, intake_link_for


class IntakeClientLinks:
    """The links a booking's emails carry: the intake form, and each consent the service
    needs that the client has not given yet."""

    def links_for(self, booking: Any) -> list[tuple[str, str]]:
        client = booking.client
        links = []
        if latest_submitted(client) is None:  # owed until the client has sent it once
            links.append(("Fill in your health intake form", intake_link_for(client)))
        for kind in consents_missing(client, booking.service):
            links.append((f"Consent: {kind_label(kind).lower()}", consent_link_for(client, kind)))
        return links


def client_tasks(client: Client) -> list[ClientTask]:
    """The portal's "Before your next session": while a session is to come, the intake form
    until it is sent and each consent its service needs that does not count (never given,
    withdrawn, or given on a version that a newer one asked clients to sign again)."""
    upcoming = list(
        Booking.objects.upcoming(timezone.now()).filter(client=client).select_related("service")
    )
    if not upcoming:
        return []
    tasks = []
    if latest_submitted(client) is None:
        tasks.append(
            ClientTask(
                "Your health intake form",
                "A few questions about your health, so your practitioner can prepare.",
                intake_link_for(client),
                "Fill in the form",
            )
        )
    needed = dict.fromkeys(kind for b in upcoming for kind in b.service.consents_required or [])
    have = valid_kinds_by_client([client.pk]).get(client.pk, set())
    signed_before = set(client.consents.not_withdrawn().values_list("kind", flat=True))
    for kind in needed:
        if kind in have:
            continue
        document = current_document(kind)
        if kind in signed_before:
            detail = (
                f"The practice has updated this consent (version {document.version}) and asks "
                "you to read it and sign again. Your earlier consent stays in your record."
            )
        else:
            detail = "One of your sessions to come needs this consent."
        tasks.append(
            ClientTask(document.title, detail, consent_link_for(client, kind), "Read and sign")
        )
    return tasks
