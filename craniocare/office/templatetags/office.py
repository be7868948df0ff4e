"""{% office_nav %}: the back office's main navigation for the signed-in user."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from craniocare.office.navigation import nav_for

register = template.Library()


@register.inclusion_tag("office/_nav.html", takes_context=True)
def office_nav(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    return {"links": nav_for(request.user, request.path)}


@register.simple_tag
def idle_minutes() -> int:
    """settings.STAFF_IDLE_TIMEOUT in whole minutes (for the footer's reminder)."""
    return int(settings.STAFF_IDLE_TIMEOUT.total_seconds() // 60)


@register.filter
def in_groups_of_four(text: str) -> str:
    """ "ABCDEFGH" -> "ABCD EFGH": a TOTP key is easier to copy by hand in groups."""
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
