"""Offers: free times given to the waitlist in order of joining, and the clean-up of offers and
entries whose time has passed.

The free times come only from the one engine (`craniocare.bookings.free_times.open_slots`, what
the public pages and the API offer). Every run is safe twice at once (two workers, or a worker
and a request): offers expire and entries close through conditional updates, a run holds a row
lock on the service while it hands out that service's times (SQLite's IMMEDIATE transactions
serialize writers anyway), and the database refuses a second held offer for one entry or one
(practitioner, start).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from craniocare.bookings.free_times import open_slots
from craniocare.catalog.models import Service
from craniocare.lib.intervals import Interval, overlaps
from craniocare.lib.tz import local_date, to_utc
from craniocare.outbox.services import outbox_enqueue
from craniocare.scheduling.models import Practitioner
from craniocare.scheduling.selectors import rules_for
from craniocare.scheduling.slots import blocked_range

from .emails import offer_email
from .matching import wants
from .models import Entry, EntryStatus, Offer, OfferStatus
from .tokens import hash_token, offer_token_for

__all__ = [
    "entries_expire",
    "held_blocks",
    "hold_time",
    "offer_create",
    "offers_expire",
    "waitlist_match",
]

logger = logging.getLogger("craniocare.waitlist")

HeldBlock = tuple[int, Interval]


def hold_time() -> timedelta:
    """How long an offer is held for its person (settings.WAITLIST_HOLD_MINUTES, 30 by default)."""
    return timedelta(minutes=getattr(settings, "WAITLIST_HOLD_MINUTES", 30))


def offers_expire(*, now: datetime | None = None) -> int:
    """Held offers whose time ran out pass on: they become expired (one conditional update)."""
    now = to_utc(now or timezone.now())
    return Offer.objects.filter(status=OfferStatus.HELD, expires_at__lte=now).update(
        status=OfferStatus.EXPIRED, decided_at=now
    )


def entries_expire(*, now: datetime | None = None) -> int:
    """Entries whose last date has passed (in their own zone) close; their held offers go."""
    now = to_utc(now or timezone.now())
    # No zone is more than 14 hours ahead of UTC: nothing later than this can have passed.
    latest = (now + timedelta(hours=14)).date()
    closed = 0
    for pk, tz, last_day in (
        Entry.objects.waiting().filter(last_day__lt=latest).values_list("pk", "tz", "last_day")
    ):
        if local_date(now, ZoneInfo(tz)) <= last_day:
            continue
        with transaction.atomic():
            if Entry.objects.filter(pk=pk, status=EntryStatus.WAITING).update(
                status=EntryStatus.EXPIRED, closed_at=now
            ):
                Offer.objects.filter(entry_id=pk, status=OfferStatus.HELD).update(
                    status=OfferStatus.WITHDRAWN, decided_at=now
                )
                closed += 1
    return closed


def held_blocks() -> list[HeldBlock]:
    """(practitioner id, blocked range) of every offer held now: times no one else is offered."""
    return [
        (practitioner_id, Interval(start, end))
        for practitioner_id, start, end in Offer.objects.filter(
            status=OfferStatus.HELD
        ).values_list("practitioner_id", "blocked_start", "blocked_end")
    ]


def is_held(blocks: list[HeldBlock], practitioner_id: int, blocked: Interval) -> bool:
    return any(pid == practitioner_id and overlaps(blocked, held) for pid, held in blocks)


def offer_create(
    *,
    entry: Entry,
    practitioner: Practitioner,
    start: datetime,
    now: datetime,
    by_hand: bool = False,
) -> Offer | None:
    """Hold `start` for `entry` and queue the email with the link that books it; inside the
    caller's transaction. None when the database already holds an offer for the entry or the
    slot (another run got there first)."""
    rules = rules_for(entry.service)
    blocked = blocked_range(start, rules)
    # Held no longer than the notice allows: a claim after that could not be booked anyway.
    expires_at = min(now + hold_time(), start - rules.min_notice)
    if expires_at <= now:
        return None
    offer = Offer(
        entry=entry,
        practitioner=practitioner,
        start=start,
        blocked_start=blocked.start,
        blocked_end=blocked.end,
        expires_at=expires_at,
        by_hand=by_hand,
        status=OfferStatus.HELD,
    )
    offer.token_hash = hash_token(offer_token_for(offer.uid))
    offer.full_clean(exclude=["entry", "practitioner"], validate_constraints=False)
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            offer.save(force_insert=True)
    except IntegrityError:
        return None
    outbox_enqueue(offer_email(offer), kind="waitlist_offer", key=f"waitlist-offer-{offer.uid}")
    return offer


def waitlist_match(*, now: datetime | None = None) -> int:
    """Expire what has passed, then offer free times to waiting entries in order of joining:
    each waiting entry without a held offer gets the first free time it wants that is not held
    for anyone and that it was not offered before. Returns how many offers went out."""
    now = to_utc(now or timezone.now())
    offers_expire(now=now)
    entries_expire(now=now)
    made = 0
    waiting_services = Entry.objects.waiting().values("service_id")
    for service in Service.objects.filter(pk__in=waiting_services, active=True).order_by("pk"):
        made += _match_service(service, now)
    if made:
        logger.info("Waitlist: %s offer(s) sent.", made)
    return made


def _match_service(service: Service, now: datetime) -> int:
    with transaction.atomic():
        # One run hands out a service's times at a time (a row lock on PostgreSQL).
        list(Service.objects.select_for_update().filter(pk=service.pk).values_list("pk"))
        entries = list(
            Entry.objects.waiting()
            .filter(service=service)
            .exclude(offers__status=OfferStatus.HELD)
            .select_related("service")
            .in_order()
        )
        if not entries:
            return 0
        slots = open_slots(
            service=service,
            first_day=min(entry.first_day for entry in entries) - timedelta(days=1),
            last_day=max(entry.last_day for entry in entries) + timedelta(days=1),
            tz=UTC,
            now=now,
        )
        if not slots:
            return 0
        rules = rules_for(service)
        blocks = held_blocks()
        tried = set(
            Offer.objects.filter(entry__in=entries).values_list(
                "entry_id", "practitioner_id", "start"
            )
        )
        made = 0
        for entry in entries:
            zone = ZoneInfo(entry.tz)
            for slot, person in slots:
                if (entry.pk, person.pk, slot.start) in tried:
                    continue  # offered to them before: it passes to the next person
                if not wants(
                    start=slot.start,
                    practitioner_id=person.pk,
                    zone=zone,
                    first_day=entry.first_day,
                    last_day=entry.last_day,
                    practitioner_ids=[entry.practitioner_id] if entry.practitioner_id else [],
                    parts=entry.parts_of_day,
                    window_start=entry.window_start,
                    window_end=entry.window_end,
                ):
                    continue
                blocked = blocked_range(slot.start, rules)
                if is_held(blocks, person.pk, blocked):
                    continue
                if offer_create(entry=entry, practitioner=person, start=slot.start, now=now):
                    blocks.append((person.pk, blocked))
                    made += 1
                    break
        return made
