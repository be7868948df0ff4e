"""Clients booked by phone without an email address (office bookings): found again by name and
phone number, never merged with someone else at the same number; the database keeps one such
record per person and refuses a client with neither email nor phone."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from craniocare.clients.models import Client
from craniocare.clients.services import client_for_booking

pytestmark = pytest.mark.django_db


def test_the_same_caller_is_found_again_however_the_number_is_written():
    first = client_for_booking(name="Chris Phonebook", email="", phone="416 555 0177")
    again = client_for_booking(name="chris phonebook ", email="", phone="(416) 555-0177")
    assert again.pk == first.pk and first.email == ""


def test_someone_else_at_the_same_number_is_another_client():
    chris = client_for_booking(name="Chris Phonebook", email="", phone="416 555 0177")
    robin = client_for_booking(name="Robin Phonebook", email="", phone="416 555 0177")
    assert robin.pk != chris.pk


def test_a_client_with_an_address_is_found_by_name_and_phone_too():
    known = client_for_booking(name="Dana Reed", email="dana@example.org", phone="416 555 0150")
    assert client_for_booking(name="Dana Reed", email="", phone="4165550150").pk == known.pk


def test_the_database_keeps_one_phone_only_record_per_person_and_needs_email_or_phone():
    Client.objects.create(name="Chris Phonebook", email="", phone="416 555 0177")
    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.create(name="CHRIS PHONEBOOK", email="", phone="416-555-0177")
    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.create(name="Nobody", email="", phone="")
    Client.objects.create(name="Two", email="", phone="416 555 0111")  # emails stay unique ...
    Client.objects.create(name="A", email="a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.create(name="B", email="a@example.org")  # ... when given
