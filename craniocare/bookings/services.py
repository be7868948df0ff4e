"""The only write paths for bookings (DESIGN.md rules 1 and 3): web pages, the API, the back
office and commands all call these.

Every change happens in one transaction that (1) replays an idempotent retry, (2) locks the
practitioner (a row lock on PostgreSQL; SQLite's IMMEDIATE transactions already serialize
writers), (3) recomputes the slot with the pure engine instead of trusting the posted one, and
(4) writes. The database has the last word: an overlap that slips past (2) and (3) is refused by
the exclusion constraint (PostgreSQL) or the trigger (SQLite), and comes back as SlotUnavailable.

The refusals are in craniocare/bookings/errors.py, the request's checks and its value types in
requests.py, the manage-token getters in access.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from craniocare.catalog.models import Service
from craniocare.clients.models import normalize_email
from craniocare.clients.services import client_for_booking
from craniocare.core.availability_version import bump_availability, practitioner_scope
from craniocare.lib.intervals import Interval, overlaps
from craniocare.lib.tz import to_utc
from craniocare.scheduling.models import Practitioner
from craniocare.scheduling.selectors import rules_for, schedule_for, time_off_intervals
from craniocare.scheduling.slots import SlotRules, blocked_range, is_offered

from . import hooks
from .errors import (
    BookingNotChangeable,
    CancellationWindowPassed,
    IdempotencyConflict,
    SlotUnavailable,
)
from .free_times import busy_intervals
from .models import Booking, Source, Status
from .requests import BookingRequest, ClientDetails, bounded_start, validate_details
from .tokens import hash_token, manage_token_for

__all__ = [
    "BookingResult",
    "booking_cancel",
    "booking_create",
    "booking_reschedule",
    "booking_set_outcome",
    "can_client_change",
]

# Busy time and time off are read this far around a requested start: enough to cover the
# blocked range of any service (durations and buffers are at most 8 and 4 hours).
_AROUND = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class BookingResult:
    booking: Booking
    manage_token: str  # plain; goes into the manage link, never stored
    created: bool  # False when an idempotent retry returned an existing booking


class _IdempotencyRace(Exception):
    """Another transaction committed the same idempotency key first."""


def _replay(key: str, fingerprint: str) -> BookingResult | None:
    existing = (
        Booking.objects.select_related("service", "practitioner")
        .filter(idempotency_key=key)
        .first()
    )
    if existing is None:
        return None
    if existing.request_fingerprint != fingerprint:
        raise IdempotencyConflict(key)
    return BookingResult(existing, manage_token_for(existing), created=False)


def _lock(practitioner: Practitioner) -> None:
    """Serialize booking writes per practitioner (a no-op on SQLite, where IMMEDIATE
    transactions already serialize every writer)."""
    list(Practitioner.objects.select_for_update().filter(pk=practitioner.pk).values_list("pk"))


def _fits(
    *,
    practitioner: Practitioner,
    start: datetime,
    rules: SlotRules,
    now: datetime,
    allow_outside_rules: bool,
    exclude_booking_id: int | None = None,
) -> bool:
    """Whether `start` can be booked with `practitioner` now (read inside the transaction)."""
    around = Interval(start - _AROUND, start + _AROUND)
    busy = busy_intervals(
        practitioner, around.start, around.end, exclude_booking_id=exclude_booking_id
    )
    if allow_outside_rules:
        wanted = blocked_range(start, rules)
        return not any(overlaps(wanted, taken) for taken in busy)
    schedule = schedule_for(
        practitioner,
        around.start.date() - timedelta(days=1),
        around.end.date() + timedelta(days=1),
    )
    return is_offered(
        start,
        schedule=schedule,
        rules=rules,
        now=now,
        time_off=time_off_intervals(practitioner, around.start, around.end),
        busy=busy,
    )


def booking_create(
    *,
    service: Service,
    start: datetime,
    client: ClientDetails,
    source: Source | str,
    booked_tz: str,
    practitioner: Practitioner | None = None,
    notes: str = "",
    first_visit: bool = False,
    idempotency_key: str | None = None,
    now: datetime | None = None,
    allow_outside_rules: bool = False,
    notify: bool = True,
) -> BookingResult:
    """Book `service` at `start` for `client`.

    `practitioner=None` books the first practitioner (in their order) who offers the service and
    has the slot free. `allow_outside_rules` (back office) skips notice, window, working hours and
    time off, never the overlap check. `notify=False` sends no email (the demo's invented
    bookings); it is the caller's decision, never read from client input. Raises
    SlotUnavailable, IdempotencyConflict, or ValidationError (bad email, zone, lengths).
    """
    now = to_utc(now or timezone.now())
    start = bounded_start(start)
    # Only the office may book a caller with a phone number and no email (never online or API).
    validate_details(client, booked_tz, notes, phone_only_allowed=source == Source.OFFICE)
    request = BookingRequest(
        service=service,
        start=start,
        client=client,
        source=source,
        booked_tz=booked_tz,
        practitioner=practitioner,
        notes=notes,
        first_visit=first_visit,
        idempotency_key=idempotency_key or None,
        now=now,
        allow_outside_rules=allow_outside_rules,
        notify=notify,
    )
    try:
        return _create(request)
    except _IdempotencyRace:
        # The winner committed; its booking is what this retry should get.
        assert request.idempotency_key is not None
        replay = _replay(request.idempotency_key, request.fingerprint)
        if replay is None:  # pragma: no cover - the winner's row is committed by now
            raise SlotUnavailable(start) from None
        return replay


def _create(request: BookingRequest) -> BookingResult:
    service, start, client = request.service, request.start, request.client
    key, fingerprint = request.idempotency_key, request.fingerprint
    allow_outside_rules = request.allow_outside_rules
    notify = request.notify
    rules = rules_for(service)
    session = Interval(start, start + rules.duration)
    blocked = blocked_range(start, rules)
    with transaction.atomic():
        if key is not None and (done := _replay(key, fingerprint)) is not None:
            return done
        if request.practitioner is not None:
            chosen = request.practitioner
            offering = service.practitioners.filter(pk=chosen.pk, active=True).exists()
            candidates = [chosen] if offering else []
        else:
            candidates = list(Practitioner.objects.offering(service))
        if not service.active and not allow_outside_rules:
            candidates = []
        record = None
        for candidate in candidates:
            _lock(candidate)
            # A retry that waited for the lock sees the first request's booking now.
            if key is not None and (done := _replay(key, fingerprint)) is not None:
                return done
            if not _fits(
                practitioner=candidate,
                start=start,
                rules=rules,
                now=request.now,
                allow_outside_rules=allow_outside_rules,
            ):
                continue
            if record is None:
                record = client_for_booking(
                    name=client.name,
                    email=client.email,
                    phone=client.phone,
                    sms_consent=client.sms_consent,
                )
            booking = Booking(
                practitioner=candidate,
                service=service,
                client=record,
                client_name=client.name.strip(),
                client_email=normalize_email(client.email),
                client_phone=client.phone.strip(),
                start=session.start,
                end=session.end,
                blocked_start=blocked.start,
                blocked_end=blocked.end,
                booked_tz=request.booked_tz,
                status=Status.CONFIRMED,
                source=request.source,
                notes=request.notes,
                first_visit=request.first_visit,
                idempotency_key=key,
                request_fingerprint=fingerprint if key else "",
            )
            booking.manage_token_hash = hash_token(manage_token_for(booking))
            # Field checks only (email, zone, lengths): the foreign keys were just read and the
            # database enforces the constraints.
            booking.full_clean(
                # client_email: empty for a caller booked by phone (checked above).
                exclude=["practitioner", "service", "client", "client_email"],
                validate_unique=False,
                validate_constraints=False,
            )
            try:
                with transaction.atomic():  # a savepoint: the outer transaction stays usable
                    booking.save(force_insert=True)
            except IntegrityError as error:
                if key is not None and Booking.objects.filter(idempotency_key=key).exists():
                    raise _IdempotencyRace from error
                continue  # the database saw an overlap: try the next practitioner
            # In this transaction: the emails are outbox rows that commit with the booking.
            hooks.on_booking_changed(booking, "created", notify=notify)
            return BookingResult(booking, manage_token_for(booking), created=True)
        raise SlotUnavailable(start)


def can_client_change(booking: Booking, now: datetime | None = None) -> bool:
    """Whether the client may still cancel or reschedule online (confirmed, before the cutoff)."""
    now = to_utc(now or timezone.now())
    cutoff = timedelta(hours=booking.service.cancellation_cutoff_hours)
    return booking.status == Status.CONFIRMED and now <= booking.start - cutoff


def _locked_copy(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update()
        .select_related("service", "practitioner")
        .get(pk=booking.pk)
    )


def booking_cancel(
    *,
    booking: Booking,
    reason: str = "",
    by_client: bool,
    now: datetime | None = None,
    notify_client: bool = True,
    notify: bool = True,
) -> Booking:
    """Cancel a confirmed booking; its time is free again at once.

    `notify_client=False` (staff only, e.g. the client phoned) sends the client no email; the
    practitioner's email goes out either way. `notify=False` sends none at all (demo data).

    Clients may cancel until the service's cutoff (CancellationWindowPassed after); staff any
    time. Cancelling a cancelled booking returns it unchanged; a completed or no-show one raises
    BookingNotChangeable.
    """
    now = to_utc(now or timezone.now())
    with transaction.atomic():
        current = _locked_copy(booking)
        if current.status == Status.CANCELLED:
            return current
        if current.status != Status.CONFIRMED:
            raise BookingNotChangeable(current.uid)
        if by_client and not can_client_change(current, now):
            raise CancellationWindowPassed(current.uid)
        changed = Booking.objects.filter(pk=current.pk, status=Status.CONFIRMED).update(
            status=Status.CANCELLED,
            cancelled_at=now,
            cancellation_reason=reason.strip(),
            updated_at=now,
            sequence=F("sequence") + 1,
        )
        if changed != 1:  # pragma: no cover - the row is locked (PG) or writers serialized
            raise BookingNotChangeable(current.uid)
        bump_availability(practitioner_scope(current.practitioner_id))
        current.refresh_from_db()
        tell_client = notify_client or by_client
        hooks.on_booking_changed(current, "cancelled", notify=notify, notify_client=tell_client)
    return current


def booking_reschedule(
    *,
    booking: Booking,
    new_start: datetime,
    by_client: bool,
    now: datetime | None = None,
    allow_outside_rules: bool = False,
    notify: bool = True,
    notify_client: bool = True,
) -> Booking:
    """Move a confirmed booking to `new_start` (same practitioner, same uid) atomically.

    The old range is freed and the new one taken by one UPDATE in one transaction: never both
    held, never neither. If the new start is not offered (or taken), SlotUnavailable and nothing
    changes. Clients are held to the cancellation cutoff of the current booking.
    `notify_client=False` (staff only) sends the client no email, as for a cancellation.
    """
    now = to_utc(now or timezone.now())
    new_start = bounded_start(new_start)
    tell_client = notify_client or by_client
    with transaction.atomic():
        _lock(booking.practitioner)
        current = _locked_copy(booking)
        if current.status != Status.CONFIRMED:
            raise BookingNotChangeable(current.uid)
        if by_client and not can_client_change(current, now):
            raise CancellationWindowPassed(current.uid)
        rules = rules_for(current.service)
        if not _fits(
            practitioner=current.practitioner,
            start=new_start,
            rules=rules,
            now=now,
            allow_outside_rules=allow_outside_rules,
            exclude_booking_id=current.pk,
        ):
            raise SlotUnavailable(new_start)
        blocked = blocked_range(new_start, rules)
        try:
            with transaction.atomic():
                Booking.objects.filter(pk=current.pk, status=Status.CONFIRMED).update(
                    start=new_start,
                    end=new_start + rules.duration,
                    blocked_start=blocked.start,
                    blocked_end=blocked.end,
                    updated_at=now,
                    sequence=F("sequence") + 1,
                )
        except IntegrityError as error:
            raise SlotUnavailable(new_start) from error
        bump_availability(practitioner_scope(current.practitioner_id))
        current.refresh_from_db()
        hooks.on_booking_changed(current, "rescheduled", notify=notify, notify_client=tell_client)
    return current


def booking_set_outcome(
    *, booking: Booking, status: Status | str, now: datetime | None = None
) -> Booking:
    """Record how a session went: completed or no-show (staff, after the session started).

    The booking keeps holding its time. Raises BookingNotChangeable for a cancelled booking, one
    that has not started yet, or a status other than completed/no-show.
    """
    now = to_utc(now or timezone.now())
    if status not in (Status.COMPLETED, Status.NO_SHOW):
        raise BookingNotChangeable(f"{status} is not an outcome")
    with transaction.atomic():
        current = _locked_copy(booking)
        if current.status == Status.CANCELLED or current.start > now:
            raise BookingNotChangeable(current.uid)
        if current.status != status:
            Booking.objects.filter(pk=current.pk).update(
                status=status, updated_at=now, sequence=F("sequence") + 1
            )
            bump_availability(practitioner_scope(current.practitioner_id))
            current.refresh_from_db()
    return current
