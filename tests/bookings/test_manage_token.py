"""Manage links: an unguessable uid plus a token that is only stored hashed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client as HttpClient

from craniocare.bookings.access import access_booking, booking_by_manage_token
from craniocare.bookings.models import Booking
from tests.bookings.fixtures import BookFn
from tests.clock import NEXT_MONDAY, toronto

pytestmark = pytest.mark.django_db


def test_it_finds_a_booking_by_its_manage_token(book: BookFn) -> None:
    result = book(toronto(NEXT_MONDAY, 10))
    assert booking_by_manage_token(result.booking.uid, result.manage_token) == result.booking


@pytest.mark.parametrize("token", ["", "wrong", "x" * 500, "\x00"])
def test_it_refuses_a_wrong_token(book: BookFn, token: str) -> None:
    result = book(toronto(NEXT_MONDAY, 10))
    assert booking_by_manage_token(result.booking.uid, token) is None
    with pytest.raises(PermissionDenied):
        access_booking(result.booking.uid, token)


@pytest.mark.parametrize("uid", ["", "nope", "../../etc", "a" * 200, "\x00"])
def test_it_does_not_find_an_unknown_uid(book: BookFn, uid: str) -> None:
    result = book(toronto(NEXT_MONDAY, 10))
    assert booking_by_manage_token(uid, result.manage_token) is None
    with pytest.raises(Booking.DoesNotExist):
        access_booking(uid, result.manage_token)


def test_it_does_not_accept_one_bookings_token_for_another(book: BookFn, bob_details: Any) -> None:
    mine = book(toronto(NEXT_MONDAY, 10))
    theirs = book(toronto(NEXT_MONDAY, 14), client=bob_details)
    assert booking_by_manage_token(theirs.booking.uid, mine.manage_token) is None


def test_it_stores_only_a_hash_of_the_token(book: BookFn) -> None:
    result = book(toronto(NEXT_MONDAY, 10))
    row = Booking.objects.filter(pk=result.booking.pk).values().get()
    assert all(result.manage_token not in str(value) for value in row.values())
    assert len(result.booking.uid) >= 16 and len(result.manage_token) >= 40


def test_it_serves_the_manage_page_only_with_the_token(book: BookFn) -> None:
    result = book(toronto(NEXT_MONDAY, 10))
    http = HttpClient()
    path = result.booking.manage_path(result.manage_token)
    assert path.startswith(f"/bookings/{result.booking.uid}/manage/?token=")
    page = http.get(path)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert http.get(f"/bookings/{result.booking.uid}/manage/?token=wrong").status_code == 404
    assert http.get(f"/bookings/{result.booking.uid}/manage/").status_code == 404
