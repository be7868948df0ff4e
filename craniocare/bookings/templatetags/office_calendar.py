"""Small filters for the office calendar templates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")


@register.filter
def localdate_of(instant: datetime) -> date:
    """The practice-local date of an instant (the office's active zone)."""
    return timezone.localtime(instant).date()
