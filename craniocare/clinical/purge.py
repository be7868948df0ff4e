"""Retention: which client records are past their retention period, and the purge that removes
them (`manage.py purge_expired`).

A record is kept `RETENTION_YEARS` (10 by default) after its last entry: the latest booking,
session note, addendum, intake or consent (or the record's creation when it holds none). For a
minor (a `date_of_birth` on file) it is also kept until `RETENTION_YEARS` after their 18th
birthday; whichever is later wins.

The purge deletes, per client and in one transaction: addenda, session notes (signed ones too),
intake revisions, consents, bookings (with what hangs on them: reminders; waitlist offers lose
the link) and the client row itself; the client's portal sign-in is deactivated and stripped of
the name and address. Signed notes and addenda are locked by database triggers: the purge goes
past them the one documented way, a `PurgeAuthorization` row for this client inserted and
removed inside the same transaction (migration 0003). The audit trail is never deleted: the
purge adds one "purge" event per client naming the client by id only, with counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from craniocare.accounts.models import Role
from craniocare.audit.models import Action
from craniocare.audit.services import audit_record
from craniocare.bookings.models import Booking
from craniocare.clients.models import Client
from craniocare.intake.models import Consent, IntakeSubmission

from .models import Addendum, PurgeAuthorization, SessionNote

ADULT_AGE = 18
PURGE_ACTOR = "Retention purge"


def retention_years() -> int:
    return int(getattr(settings, "RETENTION_YEARS", 10))


def add_years(day: date, years: int) -> date:
    """`day` `years` later; 29 February becomes 1 March (never earlier than the full years)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def _day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def _latest_by_client(
    model: Any, client_field: str, *fields: str, only: int | None = None, among: Any = None
) -> dict[int, datetime]:
    latest: dict[int, datetime] = {}
    rows_of = model.objects.order_by()
    if only is not None:
        rows_of = rows_of.filter(**{client_field: only})
    if among is not None:
        rows_of = rows_of.filter(**{f"{client_field}__in": among})
    for name in fields:
        rows = (
            rows_of.values(client_field).annotate(last=Max(name)).values_list(client_field, "last")
        )
        for client_id, last in rows:
            if last is not None and (client_id not in latest or last > latest[client_id]):
                latest[client_id] = last
    return latest


def last_entries(only: int | None = None, among: Any = None) -> dict[int, datetime]:
    """Per client id (or for the client `only`, or the clients of the ids `among`), the instant
    of the latest entry in their record."""
    latest: dict[int, datetime] = {}
    which = {"only": only, "among": among}
    for found in (
        _latest_by_client(Booking, "client_id", "end", **which),
        _latest_by_client(
            SessionNote, "client_id", "created_at", "updated_at", "signed_at", **which
        ),
        _latest_by_client(Addendum, "note__client_id", "at", **which),
        _latest_by_client(IntakeSubmission, "client_id", "created_at", "submitted_at", **which),
        _latest_by_client(Consent, "client_id", "given_at", "withdrawn_at", **which),
    ):
        for client_id, last in found.items():
            if client_id not in latest or last > latest[client_id]:
                latest[client_id] = last
    return latest


def retention_end(
    *, last_entry: datetime, date_of_birth: date | None, years: int | None = None
) -> date:
    """The first day the record may be removed."""
    years = retention_years() if years is None else years
    last_day = _day(last_entry)
    assert last_day is not None
    end = add_years(last_day, years)
    if date_of_birth is not None:
        end = max(end, add_years(add_years(date_of_birth, ADULT_AGE), years))
    return end


@dataclass(frozen=True)
class Expired:
    client_id: int
    last_entry: date
    retention_end: date


def expired_clients(*, today: date | None = None, only: int | None = None) -> list[Expired]:
    """The records whose retention period ended on or before `today` (the practice's date)."""
    today = today or timezone.localdate()
    entries = last_entries(only)
    clients = Client.objects.order_by("pk")
    if only is not None:
        clients = clients.filter(pk=only)
    found = []
    for client_id, created_at, born in clients.values_list("pk", "created_at", "date_of_birth"):
        last = max(entries.get(client_id, created_at), created_at)
        end = retention_end(last_entry=last, date_of_birth=born)
        if end <= today:
            found.append(Expired(client_id, _day(last) or today, end))
    return found


def retention_ends(clients: list[Client]) -> dict[int, date]:
    """Per client of `clients`, the first day their record may be removed (the rule of
    `expired_clients`), in a fixed number of queries however many clients."""
    entries = last_entries(among=[client.pk for client in clients])
    ends = {}
    for client in clients:
        last = max(entries.get(client.pk, client.created_at), client.created_at)
        ends[client.pk] = retention_end(last_entry=last, date_of_birth=client.date_of_birth)
    return ends


@dataclass
class Removed:
    client_id: int
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in self.counts.items())


def _delete_raw(table: str, where: str, client_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {where}", [client_id])  # noqa: S608
        return int(cursor.rowcount)


def _counts(client_id: int) -> dict[str, int]:
    return {
        "addenda": Addendum.objects.filter(note__client_id=client_id).count(),
        "session notes": SessionNote.objects.filter(client_id=client_id).count(),
        "intake revisions": IntakeSubmission.objects.filter(client_id=client_id).count(),
        "consents": Consent.objects.filter(client_id=client_id).count(),
        "bookings": Booking.objects.filter(client_id=client_id).count(),
    }


def client_purge(*, client_id: int, dry_run: bool = False, today: date | None = None) -> Removed:
    """Remove one client's record if its retention period has ended (checked again under the
    row lock). Raises `Client.DoesNotExist` if it is gone, `ValueError` if still kept."""
    with transaction.atomic():
        client = Client.objects.select_for_update().get(pk=client_id)
        if not expired_clients(today=today, only=client_id):
            raise ValueError(f"Client {client_id} is still within its retention period.")
        removed = Removed(client_id, _counts(client_id))
        if dry_run:
            return removed
        PurgeAuthorization.objects.create(client_id=client_id)
        note_table = SessionNote._meta.db_table
        _delete_raw(
            Addendum._meta.db_table,
            f"note_id IN (SELECT id FROM {note_table} WHERE client_id = %s)",  # noqa: S608
            client_id,
        )
        _delete_raw(note_table, "client_id = %s", client_id)
        _delete_raw(IntakeSubmission._meta.db_table, "client_id = %s", client_id)
        _delete_raw(Consent._meta.db_table, "client_id = %s", client_id)
        Booking.objects.filter(client_id=client_id).delete()  # reminders go with them
        user = client.user
        audit_record(
            actor=None,
            actor_label=PURGE_ACTOR,
            client=client,
            action=Action.PURGE,
            detail=f"Retention ended; removed {removed.summary()} and the client record.",
        )
        client.delete()
        if user is not None and user.role == Role.CLIENT:
            user.is_active = False
            user.email = f"purged-{user.pk}@invalid.invalid"
            user.first_name = user.last_name = ""
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.filter(user=user).delete()
        PurgeAuthorization.objects.filter(client_id=client_id).delete()
    return removed


def purge_expired(*, dry_run: bool = False, today: date | None = None) -> list[Removed]:
    """Purge every record past retention, each in its own transaction."""
    removed = []
    for expired in expired_clients(today=today):
        try:
            removed.append(client_purge(client_id=expired.client_id, dry_run=dry_run, today=today))
        except (Client.DoesNotExist, ValueError):
            continue
    return removed
