"""What intake gives the layers below it (registered in apps.py)."""

from __future__ import annotations

from typing import Any

from .selectors import consents_missing, kind_label, latest_submitted
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
