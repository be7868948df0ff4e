"""seed_schedule_and_bookings: the demo's practitioners, hours, services and bookings."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any

import pytest

from craniocare.accounts.models import Role
from craniocare.bookings.models import Booking, Status
from craniocare.clients.models import Client
from craniocare.demo.seed import seed_schedule_and_bookings
from craniocare.scheduling.models import Practitioner, TimeOff, WorkingHours
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db

# A Wednesday; the seed's dates are relative to the week it runs in.
SEED_NOW = datetime(2027, 3, 3, 17, 0, tzinfo=UTC)


@pytest.fixture
def demo_world(db: Any) -> None:
    """What the integrator's seed creates before calling ours: users and the three services."""
    UserFactory(email="serena@example.com", first_name="Serena", last_name="Hale",
                role=Role.PRACTITIONER, is_staff=True)  # fmt: skip
    UserFactory(email="pia@example.com", first_name="Pia", last_name="Lindqvist",
                role=Role.PRACTITIONER, is_staff=True)  # fmt: skip
    alice = UserFactory(email="alice@example.com", first_name="Alice", last_name="Martin")
    UserFactory(email="bob@example.com", first_name="Bob", last_name="Nguyen")
    ServiceFactory(slug="craniosacral-60", duration_minutes=60, price=Decimal("120.00"))
    ServiceFactory(slug="craniosacral-90", duration_minutes=90, price=Decimal("165.00"))
    ServiceFactory(slug="jaw-tmj-60", duration_minutes=60, price=Decimal("130.00"),
                   consents_required=["intraoral"])  # fmt: skip
    ServiceFactory(slug="somatic-release-60", duration_minutes=60, price=Decimal("125.00"))
    assert alice.pk


def test_it_seeds_serena_with_the_demo_hours(demo_world: None) -> None:
    seed_schedule_and_bookings(now=SEED_NOW)
    serena = Practitioner.objects.get(slug="serena")
    assert serena.user.email == "serena@example.com"
    assert serena.time_zone == "America/Toronto"
    hours = {(h.weekday, h.start, h.end) for h in WorkingHours.objects.filter(practitioner=serena)}
    assert hours == {
        (day, start, end)
        for day in range(5)
        for start, end in ((time(9), time(12)), (time(13), time(17)))
    }
    assert sorted(serena.services.values_list("slug", flat=True)) == [
        "craniosacral-60", "craniosacral-90", "jaw-tmj-60",
    ]  # fmt: skip


def test_it_seeds_past_and_future_bookings(demo_world: None) -> None:
    seed_schedule_and_bookings(now=SEED_NOW)
    past = Booking.objects.filter(start__lt=SEED_NOW)
    future = Booking.objects.filter(start__gt=SEED_NOW)
    assert past.count() >= 3 and future.count() >= 3
    assert set(past.values_list("status", flat=True)) == {Status.COMPLETED, Status.NO_SHOW}
    assert set(future.values_list("status", flat=True)) == {Status.CONFIRMED}
    emails = set(Client.objects.values_list("email", flat=True))
    assert {"alice@example.com", "bob@example.com"} < emails and len(emails) >= 4
    assert Client.objects.get(email="alice@example.com").user is not None
    assert TimeOff.objects.count() == 1


def test_it_is_idempotent(demo_world: None) -> None:
    seed_schedule_and_bookings(now=SEED_NOW)
    counts = (Booking.objects.count(), Client.objects.count(), WorkingHours.objects.count(),
              TimeOff.objects.count(), Practitioner.objects.count())  # fmt: skip
    seed_schedule_and_bookings(now=SEED_NOW)
    seed_schedule_and_bookings(now=datetime(2027, 4, 14, 12, 0, tzinfo=UTC))  # weeks later
    assert counts == (Booking.objects.count(), Client.objects.count(),
                      WorkingHours.objects.count(), TimeOff.objects.count(),
                      Practitioner.objects.count())  # fmt: skip


def test_it_skips_quietly_without_the_user(db: Any) -> None:
    seed_schedule_and_bookings(now=SEED_NOW)
    assert not Practitioner.objects.exists()
    assert not Booking.objects.exists()


def test_it_seeds_without_overlaps(demo_world: None) -> None:
    seed_schedule_and_bookings(now=SEED_NOW)
    for practitioner in Practitioner.objects.all():
        ranges = sorted(
            Booking.objects.active()
            .filter(practitioner=practitioner)
            .values_list("blocked_start", "blocked_end")
        )
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(ranges))


def test_its_invented_bookings_send_no_email(
    demo_world: None, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The seed says so itself (booking_create(notify=False)); nothing in the data decides it."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        seed_schedule_and_bookings(now=SEED_NOW)
    assert Booking.objects.exists() and callbacks
    assert smtp_server.messages == []


def test_it_seeds_pia_with_her_own_hours_service_clients_and_bookings(demo_world: None) -> None:
    seed_schedule_and_bookings(now=SEED_NOW)
    pia = Practitioner.objects.get(slug="pia")
    serena = Practitioner.objects.get(slug="serena")
    assert pia.user.email == "pia@example.com" and pia.time_zone == "America/Toronto"
    hours = {(h.weekday, h.start, h.end) for h in WorkingHours.objects.filter(practitioner=pia)}
    assert hours == {(1, time(12), time(19)), (3, time(12), time(19)), (5, time(10), time(14))}
    assert list(pia.services.values_list("slug", flat=True)) == ["somatic-release-60"]
    assert "somatic-release-60" not in serena.services.values_list("slug", flat=True)
    bookings = Booking.objects.filter(practitioner=pia)
    assert bookings.filter(start__lt=SEED_NOW, status=Status.COMPLETED).exists()
    assert bookings.filter(start__gt=SEED_NOW, status=Status.CONFIRMED).count() >= 2
    assert bookings.exclude(notes="").count() >= 3
    assert set(bookings.values_list("service__slug", flat=True)) == {"somatic-release-60"}
    # Her clients are hers alone: the privacy rule has someone to keep apart.
    pia_clients = set(bookings.values_list("client", flat=True))
    serena_clients = set(
        Booking.objects.filter(practitioner=serena).values_list("client", flat=True)
    )
    assert len(pia_clients) >= 3 and not pia_clients & serena_clients


def test_a_database_seeded_before_pia_gets_her_on_the_next_run(
    demo_world: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from craniocare.demo import bookings as demo

    original = demo.BOOKINGS
    only_serena = tuple(b for b in original if b.practitioner == "serena")
    monkeypatch.setattr(demo, "BOOKINGS", only_serena)  # the demo data of an older release
    seed_schedule_and_bookings(now=SEED_NOW)
    monkeypatch.undo()
    assert not Booking.objects.filter(practitioner__slug="pia").exists()
    seed_schedule_and_bookings(now=SEED_NOW)
    assert Booking.objects.filter(practitioner__slug="pia").count() == len(original) - len(
        only_serena
    )
