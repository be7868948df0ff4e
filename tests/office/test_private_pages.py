"""Pages that show someone's data say `Cache-Control: private, no-store`, for everyone who gets
them (the signed-in, and those sent to sign in or answered 404). The office URLs come from the
URL configuration (as in test_access.py), so a new office page is covered once it is routed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone

from craniocare.bookings.feed import feed_reset
from craniocare.bookings.tokens import manage_token_for
from tests.office.test_access import OFFICE_URL_NAMES, office_url  # noqa: F401
from tests.signin import PASSWORD

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def _get_or_post(client: DjangoClient, url: str):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    return response


@pytest.mark.parametrize("name", OFFICE_URL_NAMES)
@pytest.mark.parametrize("who", ["serena", "frank"])
def test_office_pages_are_never_stored(office_client, office_url, name, who, request):  # noqa: F811
    response = _get_or_post(office_client(request.getfixturevalue(who)), office_url(name))
    assert response["Cache-Control"] == PRIVATE, name
    assert "Expires" not in response


@pytest.mark.parametrize("name", OFFICE_URL_NAMES)
def test_office_redirects_and_404s_are_never_stored(client, office_url, alice, name):  # noqa: F811
    url = office_url(name)
    assert client.get(url)["Cache-Control"] == PRIVATE  # to sign-in
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 404
    assert response["Cache-Control"] == PRIVATE


def test_client_facing_pages_are_never_stored(client, alice, alice_booking):
    token = manage_token_for(alice_booking)
    uid = alice_booking.uid
    start = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:00Z")
    flow = f"?service={alice_booking.service.slug}&start={start}&tz=America/Toronto"
    urls = [
        reverse("bookings:confirmed", args=[uid]) + f"?token={token}",
        reverse("bookings:manage", args=[uid]) + f"?token={token}",
        reverse("bookings:manage", args=[uid]) + "?token=wrong",
        reverse("bookings:calendar", args=[uid]) + f"?token={token}",
        reverse("bookings:cancel", args=[uid]) + f"?token={token}",
        reverse("bookings:reschedule", args=[uid]) + f"?token={token}",
        reverse("bookings:details") + flow,
        reverse("account_login"),
        reverse("account_reset_password"),
        reverse("portal:home"),  # anonymous: to sign-in
    ]
    for url in urls:
        assert client.get(url)["Cache-Control"] == PRIVATE, url
    assert client.post(reverse("bookings:review"), {})["Cache-Control"] == PRIVATE
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    for name in ("portal:home", "account_email", "account_change_password"):
        response = client.get(reverse(name))
        assert response["Cache-Control"] == PRIVATE, name


def test_the_calendar_feed_is_never_stored(client, serena, alice_booking):
    token = feed_reset(practitioner=alice_booking.practitioner)
    response = client.get(reverse("calendar_feed", args=[token]))
    assert response["Cache-Control"] == PRIVATE


def test_public_pages_stay_cacheable(client, alice_booking):
    for name in ("website:home", "website:services", "website:about"):
        assert "no-store" not in client.get(reverse(name)).get("Cache-Control", ""), name
