"""Helpers for the clinical-record tests: sessions and notes written through the write paths."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from craniocare.accounts.models import User
from craniocare.bookings.models import Booking
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from craniocare.clinical.models import SessionNote
from craniocare.clinical.services import NoteContent, note_sign, note_start, note_update
from tests.office.helpers import book

CONTENT = NoteContent(
    subjective="Jaw tight on waking; headaches twice this week.",
    pain=[{"area": "jaw, left", "score": 6}, {"area": "lower back", "score": 3}],
    findings="Restricted motion at the left TMJ; sacrum slow to settle.",
    areas=["jaw_tmj_left", "sacrum", "diaphragm"],
    techniques=["still_point", "sacral_release"],
    techniques_other="Gentle occipital hold",
    noticed=["warmth", "release"],
    noticed_other="A sense of the breath dropping lower",
    plan="Two weeks; intraoral work if the consent is in place.",
)


def session(
    practitioner: User, client: Client, service: Service, days_ago: int = 1, hour: int = 15
) -> Booking:
    start = (timezone.now() - timedelta(days=days_ago)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return book(practitioner, client, service, start)


def written_note(booking: Booking, author: User, content: NoteContent = CONTENT) -> SessionNote:
    note = note_start(booking=booking, author=author)
    return note_update(note=note, content=content, author=author)


def signed_note(booking: Booking, author: User, content: NoteContent = CONTENT) -> SessionNote:
    return note_sign(note=written_note(booking, author, content), signer=author)
