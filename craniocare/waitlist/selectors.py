"""Reads for the office's Waitlist screens. The free times offered by hand come from the one
engine (`open_slots`), like every other screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet

from craniocare.bookings.free_times import open_slots
from craniocare.bookings.session_times import format_when, iso_start, practice_zone
from craniocare.catalog.models import Service
from craniocare.scheduling.selectors import rules_for
from craniocare.scheduling.slots import blocked_range

from .emails import wanted_times
from .matcher import held_blocks, is_held
from .models import Entry, EntryStatus, Offer, OfferStatus

FREE_TIMES_SHOWN = 60
CLOSED_SHOWN_DAYS = 30


def services_with_waitlists() -> QuerySet[Service]:
    """Every service, with how many people wait for it and how many offers are held."""
    return Service.objects.annotate(
        waiting=Count("waitlist_entries", filter=Q(waitlist_entries__status=EntryStatus.WAITING)),
        held=Count(
            "waitlist_entries__offers",
            filter=Q(waitlist_entries__offers__status=OfferStatus.HELD),
        ),
    ).order_by("position", "name")


@dataclass
class Row:
    entry: Entry
    place: int | None  # 1 for the first to be offered a time; None when no longer waiting
    times_wanted: str
    offers: list[Offer]
    held: Offer | None
    free_times: list[tuple[str, str]] = field(default_factory=list)  # (value, label)


def _free_times(entry: Entry, now: datetime, zone: ZoneInfo) -> list[tuple[str, str]]:
    slots = open_slots(
        service=entry.service,
        practitioner=entry.practitioner,
        first_day=entry.first_day,
        last_day=entry.last_day,
        tz=ZoneInfo(entry.tz),
        now=now,
    )
    rules = rules_for(entry.service)
    blocks = held_blocks()
    found = []
    for slot, person in slots:
        if is_held(blocks, person.pk, blocked_range(slot.start, rules)):
            continue
        label = f"{format_when(slot.start, zone, year=False)} with {person.display_name}"
        found.append((f"{iso_start(slot.start)}|{person.pk}", label))
        if len(found) == FREE_TIMES_SHOWN:
            break
    return found


def waitlist_rows(*, entries: QuerySet[Entry], service: Service, now: datetime) -> list[Row]:
    """The waiting entries in the order they will be offered times (with the free times the
    office can offer each), then those closed in the last 30 days."""
    zone = ZoneInfo(practice_zone())
    chosen = (
        entries.filter(service=service)
        .filter(
            Q(status=EntryStatus.WAITING)
            | Q(closed_at__gte=now - timedelta(days=CLOSED_SHOWN_DAYS))
        )
        .select_related("service", "practitioner", "booking")
        .prefetch_related("offers__practitioner")
        .order_by("created_at", "pk")  # the order of joining (EntryQuerySet.in_order)
    )
    rows: list[Row] = []
    place = 0
    for entry in chosen:
        offers = sorted(entry.offers.all(), key=lambda offer: (offer.created_at, offer.pk))
        held = next((offer for offer in offers if offer.status == OfferStatus.HELD), None)
        row = Row(
            entry=entry, place=None, times_wanted=wanted_times(entry), offers=offers, held=held
        )
        if entry.status == EntryStatus.WAITING:
            place += 1
            row.place = place
            row.free_times = _free_times(entry, now, zone)
        rows.append(row)
    rows.sort(key=lambda row: (row.place is None, row.place or 0))
    return rows
