"""The calendar feed: the practitioner's office page to make or reset its URL (routed by
office_urls.py at /office/feed/), and the feed itself (craniocare/urls.py: /calendar-feed/)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from craniocare.accounts.permissions import practitioner_required
from craniocare.scheduling.models import Practitioner

from ..feed import feed_practitioner, feed_rendered, feed_reset


def _own_practitioner(request: HttpRequest) -> Practitioner | None:
    return Practitioner.objects.filter(user=request.user).first()  # type: ignore[misc]


@practitioner_required
def feed_settings(request: HttpRequest) -> HttpResponse:
    """GET: explains the feed. POST: makes the feed URL and shows it once (only its hash is
    kept). Replacing an existing address is asked first (``confirm``): calendars subscribed to
    the old one stop updating."""
    practitioner = _own_practitioner(request)
    context: dict[str, object] = {"practitioner": practitioner, "feed_url": None}
    if practitioner is not None:
        has_feed = hasattr(practitioner, "calendar_feed")
        context["has_feed"] = has_feed
        asked = request.method == "POST" or request.GET.get("reset") == "1"
        if has_feed and asked and request.POST.get("confirm") != "yes":
            context["confirm_reset"] = True
        elif request.method == "POST":
            token = feed_reset(practitioner=practitioner)
            path = reverse("calendar_feed", kwargs={"token": token})
            context["feed_url"] = request.build_absolute_uri(path)
            context["has_feed"] = True
            context["replaced"] = has_feed
    return render(request, "bookings/office/feed.html", context)


@cache_control(private=True, no_cache=True, max_age=0)
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponseBase:
    """The feed (no sign-in: the secret token is the credential). Unknown token: 404.

    Sent with ETag and Last-Modified: a calendar app that polls with If-None-Match or
    If-Modified-Since gets a 304 until a booking (or a service) changes."""
    practitioner = feed_practitioner(token)
    if practitioner is None:
        raise Http404
    feed = feed_rendered(practitioner=practitioner)
    last_modified = int(feed.last_modified.timestamp())
    unchanged = get_conditional_response(
        request, etag=feed.etag, last_modified=last_modified, response=None
    )
    response = unchanged or HttpResponse(feed.body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = feed.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
