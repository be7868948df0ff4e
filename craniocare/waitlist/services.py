"""The waitlist's write paths: join, leave, remove (office), offer a time by hand (office) and
claim an offer. Offers made by the matching runs and the expiry of offers and entries are in
matcher.py. Each runs in one transaction; the emails are outbox rows in it.

A claim books through `booking_create`, the one write path for bookings, so it can lose a race
to someone booking the same time directly: then the offer is marked lost, the entry keeps
waiting, and a new matching run is queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from craniocare.bookings.errors import SlotUnavailable
from craniocare.bookings.free_times import open_slots
from craniocare.bookings.models import Booking, Source
from craniocare.bookings.open_times import horizon
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import booking_create
from craniocare.bookings.session_times import day_label
from craniocare.bookings.tokens import manage_token_for
from craniocare.catalog.models import Service
from craniocare.lib.tz import is_residential_zone, local_date, to_utc
from craniocare.outbox.services import outbox_enqueue
from craniocare.scheduling.models import Practitioner
from craniocare.scheduling.selectors import rules_for
from craniocare.scheduling.slots import blocked_range

from .emails import joined_email
from .matcher import held_blocks, is_held, offer_create
from .models import Entry, EntryStatus, Offer, OfferStatus, TimeOfDay
from .tasks import queue_matching_after_commit
from .tokens import hash_token, leave_token_for

__all__ = [
    "ClaimResult",
    "OfferNotPossible",
    "entry_join",
    "entry_leave",
    "entry_remove",
    "offer_claim",
    "offer_make",
]


class OfferNotPossible(Exception):
    """The office asked for an offer that cannot be made; the message says why."""


def _check_request(
    *,
    service: Service,
    practitioner: Practitioner | None,
    first_day: date,
    last_day: date,
    zone: ZoneInfo,
    parts_of_day: list[str],
    window_start: time | None,
    window_end: time | None,
    now: datetime,
) -> None:
    errors: dict[str, str] = {}
    if not service.active:
        errors["service"] = "This session cannot be booked online at the moment."
    elif practitioner is not None and not service.practitioners.filter(
        pk=practitioner.pk, active=True
    ):
        errors["practitioner"] = f"{practitioner.display_name} does not offer this session."
    today = local_date(now, zone)
    _, latest = horizon(service, zone, now)
    if first_day < today:
        errors["first_day"] = "Please choose today or a later date."
    elif first_day > latest:
        errors["first_day"] = f"Please choose a date up to {day_label(latest, year=True)}."
    if last_day < first_day:
        errors["last_day"] = "The last date cannot be before the first date."
    elif last_day > latest:
        errors["last_day"] = (
            f"We book up to {service.booking_window_days} days ahead: please choose a date "
            f"up to {day_label(latest, year=True)}."
        )
    if any(part not in TimeOfDay.values for part in parts_of_day):
        errors["parts_of_day"] = "Please choose from the times of day listed."
    has_window = window_start is not None or window_end is not None
    if has_window and (window_start is None or window_end is None):
        errors["window_end"] = "Please give both the earliest and the latest start."
    elif window_start is not None and window_end is not None and window_end <= window_start:
        errors["window_end"] = "The latest start must be after the earliest one."
    if not parts_of_day and not has_window:
        errors["parts_of_day"] = "Please choose at least one time of day, or give your own times."
    if errors:
        raise ValidationError(errors)


def entry_join(
    *,
    service: Service,
    first_day: date,
    last_day: date,
    tz: str,
    name: str,
    email: str,
    phone: str = "",
    practitioner: Practitioner | None = None,
    parts_of_day: list[str] | None = None,
    window_start: time | None = None,
    window_end: time | None = None,
    now: datetime | None = None,
) -> Entry:
    """Put someone on the waitlist; the email saying so (with the link to leave) goes in the
    same transaction, and a matching run is queued for after it. Raises ValidationError."""
    now = to_utc(now or timezone.now())
    if not is_residential_zone(tz):
        raise ValidationError({"tz": "Please choose a time zone from the list."})
    parts = [part for part in TimeOfDay.values if part in (parts_of_day or [])]
    entry = Entry(
        service=service,
        practitioner=practitioner,
        first_day=first_day,
        last_day=last_day,
        tz=tz,
        parts_of_day=parts,
        window_start=window_start,
        window_end=window_end,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
    )
    entry.leave_token_hash = hash_token(leave_token_for(entry.uid))
    _check_request(
        service=service,
        practitioner=practitioner,
        first_day=first_day,
        last_day=last_day,
        zone=ZoneInfo(entry.tz),
        parts_of_day=list(parts_of_day or []),
        window_start=window_start,
        window_end=window_end,
        now=now,
    )
    # Field checks (email, zone, lengths); the constraints were checked above, in words.
    entry.full_clean(
        exclude=["service", "practitioner", "leave_token_hash"], validate_constraints=False
    )
    with transaction.atomic():
        entry.save(force_insert=True)
        outbox_enqueue(
            joined_email(entry), kind="waitlist_joined", key=f"waitlist-join-{entry.uid}"
        )
        queue_matching_after_commit()
    return entry


def _close(entry: Entry, status: EntryStatus, now: datetime | None) -> bool:
    now = to_utc(now or timezone.now())
    with transaction.atomic():
        closed = Entry.objects.filter(pk=entry.pk, status=EntryStatus.WAITING).update(
            status=status, closed_at=now
        )
        if closed:
            withdrawn = Offer.objects.filter(entry=entry, status=OfferStatus.HELD).update(
                status=OfferStatus.WITHDRAWN, decided_at=now
            )
            if withdrawn:  # the held time goes to the next person
                queue_matching_after_commit()
    entry.refresh_from_db()
    return closed == 1


def entry_leave(*, entry: Entry, now: datetime | None = None) -> bool:
    """The person leaves the waitlist (their link). False when it was no longer waiting."""
    return _close(entry, EntryStatus.LEFT, now)


def entry_remove(*, entry: Entry, now: datetime | None = None) -> bool:
    """The office takes an entry off the waitlist."""
    return _close(entry, EntryStatus.REMOVED, now)


def offer_make(
    *, entry: Entry, practitioner: Practitioner, start: datetime, now: datetime | None = None
) -> Offer:
    """The office offers `entry` a free time by hand (it replaces the entry's held offer, if
    any). The time must be one the engine offers now and not held for someone else."""
    now = to_utc(now or timezone.now())
    start = to_utc(start)
    with transaction.atomic():
        list(Service.objects.select_for_update().filter(pk=entry.service_id).values_list("pk"))
        current = Entry.objects.select_related("service").get(pk=entry.pk)
        if current.status != EntryStatus.WAITING:
            raise OfferNotPossible("This person is no longer on the waitlist.")
        day = start.date()
        free = open_slots(
            service=current.service,
            practitioner=practitioner,
            first_day=day - timedelta(days=1),
            last_day=day + timedelta(days=1),
            tz=UTC,
            now=now,
        )
        if not any(slot.start == start for slot, _ in free):
            raise OfferNotPossible("That time is no longer free. Please choose another.")
        Offer.objects.filter(entry=current, status=OfferStatus.HELD).update(
            status=OfferStatus.WITHDRAWN, decided_at=now
        )
        blocked = blocked_range(start, rules_for(current.service))
        if is_held(held_blocks(), practitioner.pk, blocked):
            raise OfferNotPossible("That time is held for someone else on the waitlist just now.")
        offer = offer_create(
            entry=current, practitioner=practitioner, start=start, now=now, by_hand=True
        )
        if offer is None:
            raise OfferNotPossible("That time cannot be held just now. Please choose another.")
    return offer


Outcome = Literal["booked", "taken", "expired", "closed"]


@dataclass(frozen=True)
class ClaimResult:
    outcome: Outcome  # booked; taken (someone booked it first); expired; closed (withdrawn...)
    booking: Booking | None = None

    @property
    def manage_token(self) -> str:
        return manage_token_for(self.booking) if self.booking is not None else ""


class _NotHeld(Exception):
    pass


def _outcome_of(offer: Offer) -> ClaimResult:
    offer.refresh_from_db()
    if offer.status == OfferStatus.CLAIMED:
        return ClaimResult("booked", offer.booking)
    if offer.status == OfferStatus.EXPIRED:
        return ClaimResult("expired")
    if offer.status == OfferStatus.LOST:
        return ClaimResult("taken")
    return ClaimResult("closed")


def offer_claim(*, offer: Offer, now: datetime | None = None) -> ClaimResult:
    """Book the offered time for the entry's person, through `booking_create`. Claiming an
    offer already claimed answers with its booking (a second click books nothing more)."""
    now = to_utc(now or timezone.now())
    entry = Entry.objects.select_related("service").get(pk=offer.entry_id)
    try:
        with transaction.atomic():
            # The claim: held and not expired, decided once (two clicks, two workers).
            claimed = Offer.objects.filter(
                pk=offer.pk, status=OfferStatus.HELD, expires_at__gt=now
            ).update(status=OfferStatus.CLAIMED, decided_at=now)
            if claimed != 1:
                raise _NotHeld
            result = booking_create(
                service=entry.service,
                start=offer.start,
                client=ClientDetails(name=entry.name, email=entry.email, phone=entry.phone),
                source=Source.ONLINE,
                booked_tz=entry.tz,
                practitioner=offer.practitioner,
                idempotency_key=f"waitlist-offer-{offer.uid}",
                now=now,
            )
            Offer.objects.filter(pk=offer.pk).update(booking=result.booking)
            Entry.objects.filter(pk=entry.pk, status=EntryStatus.WAITING).update(
                status=EntryStatus.BOOKED, booking=result.booking, closed_at=now
            )
    except _NotHeld:
        with transaction.atomic():
            if Offer.objects.filter(
                pk=offer.pk, status=OfferStatus.HELD, expires_at__lte=now
            ).update(status=OfferStatus.EXPIRED, decided_at=now):
                queue_matching_after_commit()  # the time passes to the next person
        return _outcome_of(offer)
    except SlotUnavailable:
        # Someone booked it directly first: the offer is lost, the entry keeps waiting.
        with transaction.atomic():
            Offer.objects.filter(pk=offer.pk, status=OfferStatus.HELD).update(
                status=OfferStatus.LOST, decided_at=now
            )
            queue_matching_after_commit()
        return ClaimResult("taken")
    return ClaimResult("booked", result.booking)
