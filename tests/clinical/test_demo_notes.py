"""The demo's completed sessions carry signed notes, written through the write paths (so the
audit chain holds them too); seeding again adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from craniocare.audit.models import AuditEvent
from craniocare.audit.selectors import verify_chain
from craniocare.bookings.models import Booking, Status
from craniocare.clinical.models import SessionNote

pytestmark = pytest.mark.django_db


def test_the_demo_signs_a_note_for_each_completed_session(demo_site):
    completed = Booking.objects.filter(status=Status.COMPLETED)
    assert completed.exists()
    notes = SessionNote.objects.filter(booking__in=completed)
    assert notes.count() == completed.count()
    assert all(n.is_signed and n.content_hash == n.compute_hash() for n in notes)
    events = AuditEvent.objects.count()
    assert verify_chain() == (events, None)
    call_command("seed_demo")
    assert SessionNote.objects.count() == notes.count()
    assert AuditEvent.objects.count() == events
