"""Bookings shown on other apps' office pages, without those apps importing bookings.

``{% client_bookings client %}`` on the client profile (templates/clients/office/): clients sits
below bookings in the layers, so the profile loads this tag and the bookings app reads and
renders the client's upcoming sessions and booking history itself."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from craniocare.bookings.client_bookings import client_bookings as read_client_bookings
from craniocare.clients.models import Client

register = template.Library()


@register.inclusion_tag("bookings/office/_client_bookings.html", takes_context=True)
def client_bookings(context: dict[str, Any], client: Client) -> dict[str, Any]:
    user = context["request"].user
    return {"bookings": read_client_bookings(user=user, client=client, now=timezone.now())}
