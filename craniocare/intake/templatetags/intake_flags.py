"""Intake's part of other apps' pages, without those apps importing intake (bookings and clients
sit below it in the layers):

- ``{% consent_flags bookings as flags %}``: booking pk -> "Consent needed: intraoral work" for
  the active bookings whose service needs a consent the client has not validly given; two
  queries for a whole calendar. ``{% consent_flag booking as flag %}`` for one booking.
- ``{% intake_summary client %}``: the client profile's card: whether the intake and the
  consents are done (what front desk may know), and for the client's own practitioner a link to
  the answers and consents.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from craniocare.catalog.models import ConsentKind
from craniocare.clients.access import may_see_health_info
from craniocare.clients.models import Client
from craniocare.intake.selectors import (
    consent_flags_for,
    flag_text,
    intake_done_by_client,
    valid_kinds_by_client,
)

register = template.Library()


@register.simple_tag
def consent_flags(bookings: Iterable[Any]) -> dict[int, str]:
    shown = [b for b in bookings if getattr(b, "status", "") != "cancelled"]
    return {pk: flag_text(kinds) for pk, kinds in consent_flags_for(shown).items()}


@register.simple_tag
def consent_flag(booking: Any) -> str:
    return consent_flags([booking]).get(booking.pk, "")


@register.inclusion_tag("intake/office/_summary.html", takes_context=True)
def intake_summary(context: dict[str, Any], client: Client) -> dict[str, Any]:
    user = context["request"].user
    have = valid_kinds_by_client([client.pk]).get(client.pk, set())
    return {
        "client": client,
        "intake": intake_done_by_client([client.pk]).get(client.pk, ""),
        "consents": [(ConsentKind(k).label, k in have) for k in ConsentKind.values],
        "show_health_info": may_see_health_info(user, client),
    }


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")
