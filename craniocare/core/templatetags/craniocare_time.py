"""Template filters over craniocare/lib/humanize.py: times in the practice's locale
(settings.LANGUAGE_CODE), zones as people name them, valid `<time datetime>` values.

    {% load craniocare_time %}
    <time datetime="{{ post.published_at|html_datetime }}">...</time>   (the active zone)
    {{ booking.start|clock }}                                          9:00 a.m.
    {{ "Europe/London"|zone_label:booking.start }}                     London time (GMT)
"""

from __future__ import annotations

from datetime import datetime, time

from django import template
from django.conf import settings
from django.utils import timezone

from craniocare.lib import humanize

register = template.Library()


def _local(value: datetime | time) -> datetime | time:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def html_datetime(value: datetime | None) -> str:
    """'2026-12-02T15:30:00-05:00' in the active time zone ({% timezone %}); '' for None."""
    if not isinstance(value, datetime):
        return ""
    return humanize.html_datetime(value, timezone.get_current_timezone())


@register.filter
def clock(value: datetime | time | None) -> str:
    """The wall-clock time of `value` (in the active zone) in the practice's locale."""
    if not isinstance(value, datetime | time):
        return ""
    return humanize.format_time(_local(value), settings.LANGUAGE_CODE)


@register.filter
def zone_label(value: str, at: datetime | None = None) -> str:
    """'Toronto time' for 'America/Toronto' (the abbreviation at `at` where people use it)."""
    try:
        return humanize.zone_label(str(value), at if isinstance(at, datetime) else None)
    except (ValueError, KeyError, OSError):
        return str(value)
