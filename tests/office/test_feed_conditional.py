"""The calendar feed answers polling calendar apps with 304 until a booking changes: it is
rendered once per availability version and sent with ETag and Last-Modified."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client as DjangoClient
from django.utils import timezone

from craniocare.bookings.services import booking_cancel
from craniocare.clients.models import Client
from tests.office.helpers import book
from tests.office.test_feed import make_feed_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(office_client, serena, alice, session60):
    soon = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    booking = book(serena, Client.objects.get(user=alice), session60, soon)
    return make_feed_url(office_client, serena), booking


def test_it_answers_304_to_a_repeat_with_its_etag(feed):
    url, _ = feed
    first = DjangoClient().get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    again = DjangoClient().get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    since = DjangoClient().get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304


def test_it_answers_200_with_the_change_after_a_booking_changes(feed):
    url, booking = feed
    first = DjangoClient().get(url)
    assert b"STATUS:CONFIRMED" in first.content
    booking_cancel(booking=booking, by_client=False, notify=False)
    after = DjangoClient().get(url, headers={"If-None-Match": first["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]
    assert b"STATUS:CANCELLED" in after.content


def test_it_answers_200_to_an_old_last_modified_after_a_change(feed, session60):
    url, _ = feed
    first = DjangoClient().get(url)
    session60.name = "CranioSacral session"
    session60.save()
    after = DjangoClient().get(url, headers={"If-Modified-Since": "Thu, 01 Jan 2015 00:00:00 GMT"})
    assert after.status_code == 200
    assert b"CranioSacral session" in after.content
    assert after["ETag"] != first["ETag"]
