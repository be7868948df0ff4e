"""Retention: `purge_expired` removes the records whose retention ended (ten years after the last
entry; for a minor, ten years after their 18th birthday when that is later), through the one
documented way past the signed-note locks, and keeps the audit trail whole. Run on SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from craniocare.audit.models import AuditEvent
from craniocare.bookings.models import Booking
from craniocare.clients.models import Client
from craniocare.clinical.models import Addendum, PurgeAuthorization, SessionNote
from craniocare.clinical.purge import add_years, expired_clients, purge_expired
from craniocare.clinical.services import addendum_add
from craniocare.intake.models import Consent, IntakeSubmission
from tests.clinical.helpers import session, signed_note
from tests.factories import ClientFactory
from tests.intake.helpers import sign, submit_intake

pytestmark = pytest.mark.django_db


def _in_years(years: int) -> date:
    return add_years(timezone.localdate(), years)


def _full_record(client: Client, serena, session60) -> None:
    """A booking with a signed note and an addendum, an intake and a consent."""
    booking = session(serena, client, session60, days_ago=1)
    note = signed_note(booking, serena)
    addendum_add(note=note, author=serena, reason="Correction", text="Left side, not right.")
    submit_intake(client)
    sign(client)


def _record_counts(client_id: int) -> dict[str, int]:
    return {
        "notes": SessionNote.objects.filter(client_id=client_id).count(),
        "addenda": Addendum.objects.filter(note__client_id=client_id).count(),
        "intake": IntakeSubmission.objects.filter(client_id=client_id).count(),
        "consents": Consent.objects.filter(client_id=client_id).count(),
        "bookings": Booking.objects.filter(client_id=client_id).count(),
        "client": Client.objects.filter(pk=client_id).count(),
    }


def _verify_audit() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


@pytest.fixture
def bob_client(bob) -> Client:
    return Client.objects.get(user=bob)


def test_it_purges_a_record_past_retention_and_keeps_one_within(
    serena, alice_client, bob_client, session60
):
    _full_record(alice_client, serena, session60)
    # Bob's last entry is a session five years from now: his record is kept until year 15.
    session(serena, bob_client, session60, days_ago=-5 * 366)
    events_before = AuditEvent.objects.count()

    removed = purge_expired(today=_in_years(11))

    assert [r.client_id for r in removed] == [alice_client.pk]
    assert removed[0].counts == {
        "addenda": 1,
        "session notes": 1,
        "intake revisions": 1,
        "consents": 1,
        "bookings": 1,
    }
    assert set(_record_counts(alice_client.pk).values()) == {0}
    assert _record_counts(bob_client.pk)["bookings"] == 1
    assert _record_counts(bob_client.pk)["client"] == 1
    assert not PurgeAuthorization.objects.exists()
    # The audit trail: nothing deleted, one "purge" event naming the client by id only.
    assert AuditEvent.objects.count() == events_before + 1
    purge = AuditEvent.objects.order_by("-seq").first()
    assert purge.action == "purge" and purge.client_id == alice_client.pk
    assert "Alice" not in purge.detail and "alice" not in purge.detail
    assert AuditEvent.objects.filter(client_id=alice_client.pk).count() > 1
    # Her portal sign-in can no longer be used and no longer names her.
    user = get_user_model().objects.get(pk=alice_client.user_id)
    assert not user.is_active and "alice" not in user.email and not user.has_usable_password()
    assert _verify_audit().startswith("OK:")


def test_a_dry_run_removes_nothing(serena, alice_client, session60):
    _full_record(alice_client, serena, session60)
    before = _record_counts(alice_client.pk)
    events = AuditEvent.objects.count()
    removed = purge_expired(dry_run=True, today=_in_years(11))
    assert [r.client_id for r in removed] == [alice_client.pk]
    assert _record_counts(alice_client.pk) == before
    assert AuditEvent.objects.count() == events


def test_nothing_is_purged_within_retention(serena, alice_client, session60):
    _full_record(alice_client, serena, session60)
    assert purge_expired(today=_in_years(9)) == []
    assert _record_counts(alice_client.pk)["notes"] == 1


def test_a_minors_record_is_kept_ten_years_after_their_18th_birthday(serena, session60):
    today = timezone.localdate()
    minor = ClientFactory(
        name="Theo Young", email="theo@example.com", date_of_birth=add_years(today, -15)
    )
    session(serena, minor, session60, days_ago=1)
    # Last entry + 10 years is year 10; 18th birthday + 10 years is year 13: the later wins.
    assert expired_clients(today=_in_years(11)) == []
    assert purge_expired(today=_in_years(12)) == []
    assert Client.objects.filter(pk=minor.pk).exists()
    removed = purge_expired(today=_in_years(13) + timedelta(days=1))
    assert [r.client_id for r in removed] == [minor.pk]
    assert not Client.objects.filter(pk=minor.pk).exists()


def test_an_adult_with_a_birth_date_follows_the_last_entry(serena, session60):
    adult = ClientFactory(name="Ada Older", email="ada@example.com", date_of_birth=date(1970, 5, 1))
    session(serena, adult, session60, days_ago=1)
    assert [e.client_id for e in expired_clients(today=_in_years(10))] == [adult.pk]


def test_the_command_reports_and_the_setting_sets_the_period(
    serena, alice_client, session60, settings
):
    _full_record(alice_client, serena, session60)
    out = StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "Would remove 0 record(s)" in out.getvalue()
    settings.RETENTION_YEARS = 0
    out = StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert f"Would remove client #{alice_client.pk}: 1 addenda, 1 session notes" in out.getvalue()
    assert Client.objects.filter(pk=alice_client.pk).exists()
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "Removed 1 record(s) past the 0-year retention period." in out.getvalue()
    assert not Client.objects.filter(pk=alice_client.pk).exists()
    assert _verify_audit().startswith("OK:")


def test_outside_a_purge_the_database_still_refuses_to_delete_a_signed_note(
    serena, alice_client, session60
):
    _full_record(alice_client, serena, session60)
    note = SessionNote.objects.get(client=alice_client)
    for sql in (
        "DELETE FROM clinical_addendum WHERE note_id = %s",
        "DELETE FROM clinical_sessionnote WHERE id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [note.pk])
    # An authorization for another client opens nothing.
    with pytest.raises(IntegrityError), transaction.atomic():
        PurgeAuthorization.objects.create(client_id=alice_client.pk + 1000)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM clinical_sessionnote WHERE id = %s", [note.pk])
    # And an authorization never lets a signed note be changed.
    with pytest.raises(IntegrityError), transaction.atomic():
        PurgeAuthorization.objects.create(client_id=alice_client.pk)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE clinical_sessionnote SET plan = 'x' WHERE id = %s", [note.pk])
    assert SessionNote.objects.filter(pk=note.pk).exists()
