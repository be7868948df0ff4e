"""Who sees health information, by enumeration: every booking and client of a practice with two
practitioners (serena, pia) and a front desk (frank), on every page that could show it.

The rule (DESIGN.md rule 6): a practitioner sees the health information of their own clients
only (clients with a booking with them); front desk never. Booking notes are health information
(clients describe symptoms in them). The expectation below is worked out from the bookings this
test makes, not by asking the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.accounts.permissions import is_practitioner
from craniocare.bookings.models import Booking, Status
from craniocare.clients.models import Client
from tests.factories import ClientFactory, ServiceFactory
from tests.office.helpers import book

pytestmark = pytest.mark.django_db

ZONE = ZoneInfo("America/Toronto")


@dataclass
class Practice:
    bookings: list[Booking]
    clients: list[Client]
    today: list[Booking]
    treated_by: dict[int, set[str]]  # client id -> emails of the practitioners they booked with
    staff: dict[str, Any]


@pytest.fixture
def two_practitioners(serena, pia, frank, alice, bob, session60) -> Practice:
    somatic = ServiceFactory(
        slug="somatic-release-60",
        name="Somatic Release, 60 minutes",
        practitioners=[pia.practitioner],
    )
    alice_client = Client.objects.get(user=alice)
    bob_client = Client.objects.get(user=bob)
    carol = ClientFactory(name="Carol Singh", email="carol@example.com")
    dev = ClientFactory(name="Dev Patel", email="dev@example.com")
    erin = ClientFactory(name="Erin Walsh", email="erin@example.com")  # sees both practitioners
    day = timezone.localdate(timezone=ZONE)

    def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
        return datetime.combine(day + timedelta(days=days), time(hour, minute), tzinfo=ZONE)

    plan = [
        (serena, alice_client, session60, at(9), "Tension headaches in the afternoons", {}),
        (serena, bob_client, session60, at(10, 30), "Left jaw clicks when chewing", {}),
        (pia, carol, somatic, at(9), "Shoulder tightness after a cycling fall", {}),
        (pia, dev, somatic, at(10, 30), "Trouble sleeping since the spring", {}),
        (pia, erin, somatic, at(13), "Pelvic ache on long drives", {}),
        (
            serena,
            erin,
            session60,
            at(9, days=-7),
            "Ringing in the right ear",
            {"status": Status.COMPLETED},
        ),
        (pia, carol, somatic, at(11, days=3), "Wrist numbness at the keyboard", {}),
    ]
    bookings, treated_by = [], {}
    for who, client, service, start, note, extra in plan:
        bookings.append(book(who, client, service, start, notes=note, **extra))
        treated_by.setdefault(client.pk, set()).add(who.email)
    return Practice(
        bookings=bookings,
        clients=[alice_client, bob_client, carol, dev, erin],
        today=[b for b in bookings if b.start.astimezone(ZONE).date() == day],
        treated_by=treated_by,
        staff={"serena": serena, "pia": pia, "frank": frank},
    )


def expected_to_see(practice: Practice, viewer: Any, client_id: int) -> bool:
    return is_practitioner(viewer) and viewer.email in practice.treated_by[client_id]


def all_notes(practice: Practice) -> list[str]:
    return [b.notes for b in practice.bookings]


@pytest.mark.parametrize("who", ["serena", "pia", "frank"])
def test_booking_notes_show_only_to_the_clients_own_practitioner(
    two_practitioners, office_client, who
):
    practice = two_practitioners
    viewer = practice.staff[who]
    browser = office_client(viewer)
    for booking in practice.bookings:
        response = browser.get(reverse("office:booking", args=[booking.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        shown = {note for note in all_notes(practice) if note in html}
        expected = (
            {booking.notes} if expected_to_see(practice, viewer, booking.client_id) else set()
        )
        assert shown == expected, f"{who} on {booking.client_name}'s booking"


@pytest.mark.parametrize("who", ["serena", "pia", "frank"])
def test_the_clinical_record_opens_only_for_the_clients_own_practitioner(
    two_practitioners, office_client, who
):
    practice = two_practitioners
    viewer = practice.staff[who]
    browser = office_client(viewer)
    for client in practice.clients:
        own = expected_to_see(practice, viewer, client.pk)
        clinical_url = reverse("office:client_clinical", args=[client.pk])
        profile = browser.get(reverse("office:client", args=[client.pk]))
        assert profile.status_code == 200  # contact details: the whole staff's
        html = profile.content.decode()
        assert (clinical_url in html) == own, f"{who} on {client.name}'s profile"
        assert ("Clinical records" in html) == own
        assert not [note for note in all_notes(practice) if note in html]
        assert browser.get(clinical_url).status_code == (200 if own else 404)


@pytest.mark.parametrize("who", ["serena", "pia", "frank"])
def test_today_offers_the_notes_shortcut_only_for_own_clients(
    two_practitioners, office_client, who
):
    practice = two_practitioners
    viewer = practice.staff[who]
    html = office_client(viewer).get(reverse("office:today")).content.decode()
    assert not [note for note in all_notes(practice) if note in html]
    for booking in practice.today:
        listed = reverse("office:booking", args=[booking.pk]) in html
        # A practitioner's Today lists their own sessions; the front desk's lists everyone's.
        assert listed == (not is_practitioner(viewer) or booking.practitioner.user == viewer)
        if listed:
            shortcut = reverse("office:client_clinical", args=[booking.client_id])
            assert (shortcut in html) == expected_to_see(practice, viewer, booking.client_id)


@pytest.mark.parametrize("who", ["serena", "pia", "frank"])
def test_the_calendar_never_shows_booking_notes(two_practitioners, office_client, who):
    practice = two_practitioners
    browser = office_client(practice.staff[who])
    for booking in practice.bookings:
        for view in ("day", "week"):
            response = browser.get(
                reverse("office:calendar"),
                {
                    "view": view,
                    "date": booking.start.astimezone(ZONE).date().isoformat(),
                    "practitioner": booking.practitioner_id,
                },
            )
            assert response.status_code == 200
            html = response.content.decode()
            assert booking.client_name in html  # the booking is there...
            assert not [note for note in all_notes(practice) if note in html]  # ...its note not


def test_the_list_form_of_the_rule_agrees_with_the_single_one(two_practitioners):
    from craniocare.clients.access import health_info_client_ids, may_see_health_info

    practice = two_practitioners
    client_ids = [c.pk for c in practice.clients]
    for viewer in practice.staff.values():
        allowed = health_info_client_ids(viewer, client_ids)
        assert allowed == {pk for pk in client_ids if expected_to_see(practice, viewer, pk)}
        assert allowed == {pk for pk in client_ids if may_see_health_info(viewer, pk)}
