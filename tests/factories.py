"""Factories for every model the tests build, one place per model (factory-boy).

Defaults follow the demo practice (DESIGN.md §4): Toronto, CAD, a practitioner with the demo's
weekly hours (Mon-Fri 09:00-12:00 and 13:00-17:00), a service like `craniosacral-60` (60 min,
15 min buffer after, 30 min step, 12 h notice, 180 days window, 24 h cutoff).

Bookings: `book(...)` makes one through the real write path, `booking_create(..., notify=False)`.
`BookingFactory` writes the row directly; it is for the tests that need a state the write path
refuses on purpose (rows in the past or outside working hours set up in a few lines, rows that
the database constraints themselves must reject) and for office tests that place a session at an
exact minute regardless of the public booking rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from craniocare.accounts.models import Role, User
from craniocare.blog.models import Post, PostStatus, Tag
from craniocare.bookings.models import Booking, Source, Status
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import BookingResult, booking_create
from craniocare.bookings.tokens import hash_token, manage_token_for_uid
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from craniocare.contact.models import ContactMessage, Topic
from craniocare.core.models import PracticeProfile
from craniocare.scheduling.models import Practitioner, TimeOff, WorkingHours
from craniocare.waitlist.models import Entry, new_uid
from craniocare.waitlist.tokens import leave_token_for

_MINUTE = timedelta(minutes=1)
DEMO_HOURS = ((time(9), time(12)), (time(13), time(17)))  # Monday to Friday, Toronto


class PracticeProfileFactory(factory.django.DjangoModelFactory[PracticeProfile]):
    """The practice (a single row, pk 1): "Serena CranioCare" in Toronto."""

    class Meta:
        model = PracticeProfile

    name = "Serena CranioCare"
    time_zone = "America/Toronto"


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
    """A practitioner in Toronto with weekly hours on Monday to Friday: `hours` is a list of
    (start, end) spans (the demo's two by default; `hours=[]` for none), `hours__weekdays` the
    days they apply to."""

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
        spans = extracted if extracted is not None else DEMO_HOURS
        weekdays = kwargs.get("weekdays", range(5))
        WorkingHours.objects.bulk_create(
            WorkingHours(practitioner=self, weekday=weekday, start=start, end=end)
            for weekday in weekdays
            for start, end in spans
        )


def give_hours(
    practitioner: Practitioner,
    weekdays: Iterable[int] = range(5),
    spans: Iterable[tuple[time, time]] = DEMO_HOURS,
) -> None:
    """Adds weekly hours (the demo's by default) to a practitioner made with `hours=[]`."""
    WorkingHours.objects.bulk_create(
        WorkingHours(practitioner=practitioner, weekday=weekday, start=start, end=end)
        for weekday in weekdays
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
    """A booking row written directly (see the module's docstring for when); pass practitioner,
    service, start; the end and blocked range follow the service."""

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


def create_booking(
    *,
    service: Service,
    start: datetime,
    client: ClientDetails,
    source: Source | str = Source.ONLINE,
    booked_tz: str = "America/Toronto",
    **options: Any,
) -> BookingResult:
    """A booking made through the real write path, telling nobody (`notify=False`)."""
    return booking_create(
        service=service,
        start=start,
        client=client,
        source=source,
        booked_tz=booked_tz,
        notify=False,
        **options,
    )


class ContactMessageFactory(factory.django.DjangoModelFactory[ContactMessage]):
    class Meta:
        model = ContactMessage

    name = "Bob Chen"
    email = factory.Sequence(lambda n: f"visitor{n}@example.com")
    phone = ""
    topic = Topic.QUESTION
    message = "Is CranioSacral Therapy suitable after a concussion?"
    consent_to_contact = True
    ip_address = "203.0.113.5"
    user_agent = "Mozilla/5.0 (test)"


class TagFactory(factory.django.DjangoModelFactory[Tag]):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"topic {n}")
    slug = factory.LazyAttribute(lambda tag: tag.name.replace(" ", "-").replace("&", "and"))


class PostFactory(factory.django.DjangoModelFactory[Post]):
    """An article, published a day ago unless told (`draft=True`, `scheduled=True`)."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Gentle article number {n}")
    slug = factory.Sequence(lambda n: f"gentle-article-{n}")
    summary = "A short, calm summary of the article."
    body = "## A heading\n\nSome quiet words about CranioSacral Therapy.\n\n- one\n- two\n"
    status = PostStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Params:
        draft = factory.Trait(status=PostStatus.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
        )

    @factory.post_generation
    def tags(self, create: bool, extracted: Iterable[Tag] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.tags.set(extracted)


class WaitlistEntryFactory(factory.django.DjangoModelFactory[Entry]):
    """A waitlist entry written directly (pass service): mornings of the coming two weeks.
    `craniocare.waitlist.services.entry_join` is the write path; the factory is for tests that
    need an entry whatever the date (the office's URL walk)."""

    class Meta:
        model = Entry

    uid = factory.LazyFunction(new_uid)
    first_day = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=1))
    last_day = factory.LazyAttribute(lambda o: o.first_day + timedelta(days=13))
    tz = "America/Toronto"
    parts_of_day = factory.LazyFunction(lambda: ["morning"])
    name = "Carol Diaz"
    email = factory.Sequence(lambda n: f"waiting{n}@example.com")
    leave_token_hash = factory.LazyAttribute(lambda o: hash_token(leave_token_for(o.uid)))
