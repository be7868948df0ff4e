"""Factories for scheduling, clients and bookings. Named users: serena (practitioner), frank
(front desk), alice and bob (clients), mallory (outsider)."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal
from typing import Any

import factory

from craniocare.accounts.models import Role, User
from craniocare.bookings.models import Booking, Source, Status
from craniocare.bookings.tokens import hash_token, manage_token_for_uid
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from craniocare.scheduling.models import Practitioner, TimeOff, WorkingHours

_MINUTE = timedelta(minutes=1)


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = "Pat"
    last_name = "Example"
    role = Role.CLIENT
    is_staff = False


class PractitionerFactory(factory.django.DjangoModelFactory[Practitioner]):
    """A practitioner in Toronto with the demo hours: Mon-Fri 09:00-12:00 and 13:00-17:00."""

    class Meta:
        model = Practitioner
        skip_postgeneration_save = True

    user = factory.SubFactory(
        UserFactory, role=Role.PRACTITIONER, is_staff=True, first_name="Serena"
    )
    slug = factory.Sequence(lambda n: f"practitioner-{n}")
    display_name = factory.LazyAttribute(lambda o: o.user.get_full_name() or o.slug)
    time_zone = "America/Toronto"

    @factory.post_generation
    def hours(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        spans = extracted if extracted is not None else ((time(9), time(12)), (time(13), time(17)))
        WorkingHours.objects.bulk_create(
            WorkingHours(practitioner=self, weekday=weekday, start=start, end=end)
            for weekday in range(5)
            for start, end in spans
        )


class ServiceFactory(factory.django.DjangoModelFactory[Service]):
    """Like the demo's craniosacral-60: 60 min, 15 min buffer after, 30 min step, 12 h notice,
    180 days window, 24 h cutoff."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"Session {n}")
    summary = "A gentle hands-on session."
    description = "Hands-on work from the head to the sacrum."
    duration_minutes = 60
    price = Decimal("120.00")
    buffer_before_minutes = 0
    buffer_after_minutes = 15
    min_notice_minutes = 12 * 60
    booking_window_days = 180
    slot_step_minutes = 30
    cancellation_cutoff_hours = 24

    @factory.post_generation
    def practitioners(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.practitioners.add(*extracted)


class ClientFactory(factory.django.DjangoModelFactory[Client]):
    class Meta:
        model = Client
        django_get_or_create = ("email",)

    name = "Alice Martin"
    email = factory.Sequence(lambda n: f"client{n}@example.com")


class TimeOffFactory(factory.django.DjangoModelFactory[TimeOff]):
    class Meta:
        model = TimeOff

    reason = "Away"


class BookingFactory(factory.django.DjangoModelFactory[Booking]):
    """A booking row written directly (for database-level tests); pass practitioner, service,
    start; the end and blocked range follow the service. Real code uses booking_create."""

    class Meta:
        model = Booking

    client = factory.SubFactory(ClientFactory)
    client_name = factory.LazyAttribute(lambda o: o.client.name)
    client_email = factory.LazyAttribute(lambda o: o.client.email)
    end = factory.LazyAttribute(lambda o: o.start + o.service.duration_minutes * _MINUTE)
    blocked_start = factory.LazyAttribute(
        lambda o: o.start - o.service.buffer_before_minutes * _MINUTE
    )
    blocked_end = factory.LazyAttribute(lambda o: o.end + o.service.buffer_after_minutes * _MINUTE)
    booked_tz = "America/Toronto"
    status = Status.CONFIRMED
    source = Source.OFFICE
    uid = factory.Sequence(lambda n: f"factory{n}")
    manage_token_hash = factory.LazyAttribute(lambda o: hash_token(manage_token_for_uid(o.uid)))
