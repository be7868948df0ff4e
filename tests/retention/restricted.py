"""Helpers for the restricted-record tests: a day with a restricted client's session beside an
ordinary one, and the office actions on such a record (through the real views)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client as DjangoClient
from django.urls import reverse

from craniocare.accounts.models import User
from craniocare.bookings.models import Booking
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from craniocare.clinical.restriction import client_restrict
from tests.clock import at
from tests.factories import ServiceFactory
from tests.office.helpers import book

REASON = "Erasure asked for on 1 March; kept for the legal period."
LABEL = "Restricted record"
ALICE_PHONE = "416-555-0101"
ALICE_NOTE = "Jaw clicks at night since the dentist."


@dataclass
class Day:
    """Wednesday 3 March 2027 (tests/clock.py MORNING): Serena sees Alice (restricted, her
    jaw session needs an intraoral consent she has not given) at 9:30 and Bob at 14:00."""

    alice: Client
    bob: Client
    alice_session: Booking
    bob_session: Booking
    jaw: Service


def jaw_service(serena: User) -> Service:
    return ServiceFactory(
        slug="jaw-tmj-60",
        name="Jaw and TMJ release, 60 minutes",
        consents_required=["intraoral"],
        practitioners=[serena.practitioner],
    )


def restricted_day(serena: User, alice: User, bob: User, session60: Service) -> Day:
    alice_client = Client.objects.get(user=alice)
    bob_client = Client.objects.get(user=bob)
    jaw = jaw_service(serena)
    alice_session = book(
        serena,
        alice_client,
        jaw,
        at(9, 30),
        notes=ALICE_NOTE,
        client_phone=ALICE_PHONE,
        first_visit=True,
    )
    bob_session = book(serena, bob_client, session60, at(14), client_phone="416-555-0202")
    client_restrict(client=alice_client, reason=REASON, by=serena)
    alice_client.refresh_from_db()
    return Day(alice_client, bob_client, alice_session, bob_session, jaw)


def open_record(browser: DjangoClient, client: Client, back: str = "") -> Any:
    data = {"next": back} if back else {}
    return browser.post(reverse("office:client_open_restricted", args=[client.pk]), data)


def shows_alice(html: str) -> bool:
    """Whether anything that names or reaches Alice is on the page."""
    return any(
        secret in html
        for secret in ("Alice Martin", "alice@example.com", ALICE_PHONE, ALICE_NOTE, "A.M.")
    )
