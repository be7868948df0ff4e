"""Back-office pages show times on the practice's wall clock.

Django renders aware datetimes in the *current* time zone (UTC by default, DESIGN rule 2 keeps
instants in UTC). For every request under /office/ this activates the practice's zone
(``PracticeProfile.time_zone``), so templates, ``timezone.localdate()`` and
``timezone.localtime()`` all speak the practice's local time, htmx partials included.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils import timezone

from craniocare.core.models import PracticeProfile


@cache
def _office_prefix() -> str:
    return reverse("office:today")


class PracticeTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path_info.startswith(_office_prefix()):
            return self.get_response(request)
        with timezone.override(ZoneInfo(PracticeProfile.load().time_zone)):
            return self.get_response(request)
