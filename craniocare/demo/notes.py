"""The demo's session notes: one for each completed demo session, written and signed through
clinical's write paths (each with its audit events), so the record pages have something real on
them. A note already there is left alone: running the seed again adds only what is missing."""

from __future__ import annotations

from craniocare.bookings.models import Booking, Status
from craniocare.clinical.models import SessionNote
from craniocare.clinical.services import NoteContent, note_sign, note_start, note_update

from .bookings import KEY_PREFIX

# Invented notes, written for the demo; the areas and techniques follow the reference article.
# None marks a region that needs its own consent (clinical/consents.py): the demo gives none.
CONTENTS = (
    NoteContent(
        subjective="Lower back and pelvis ache after long desk days; feels on edge by evening.",
        pain=[{"area": "lower back", "score": 5}, {"area": "left hip", "score": 3}],
        findings="Pelvis tilted to the right; sacrum slow to settle; breath high in the chest.",
        areas=["sacrum", "si_joints", "psoas_left", "psoas_right", "diaphragm"],
        techniques=["sacral_release", "psoas_release", "diaphragm_release"],
        noticed=["warmth", "release"],
        noticed_other="Said her legs felt heavier and more her own",
        plan="Two weeks. Short walks after sitting; notice the breath low in the belly.",
    ),
    NoteContent(
        subjective="Clenches her jaw at night; headaches behind the eyes twice a week.",
        pain=[{"area": "jaw, left", "score": 6}, {"area": "headache", "score": 4}],
        findings="Left TMJ guarded; neck and thoracic inlet held; rhythm faint on the left.",
        areas=["cranium", "jaw_tmj_left", "jaw_tmj_right", "neck", "thoracic_inlet"],
        techniques=["still_point", "unwinding"],
        techniques_other="Occipital hold",
        noticed=["subtle_movement", "emotional_shift"],
        plan="Intraoral work next time once the consent is signed.",
    ),
    NoteContent(
        subjective="Sleeping better; still wakes at four some nights.",
        pain=[{"area": "neck", "score": 2}],
        findings="Diaphragm softer than last time; sacrum moves freely.",
        areas=["diaphragm", "sacrum", "si_joints"],
        techniques=["still_point", "sacral_release"],
        noticed=["warmth"],
        plan="Three weeks, or sooner if the waking returns.",
    ),
)


def seed_notes() -> None:
    """A signed note for each completed demo session that has none yet."""
    sessions = (
        Booking.objects.filter(idempotency_key__startswith=KEY_PREFIX, status=Status.COMPLETED)
        .exclude(pk__in=SessionNote.objects.values("booking_id"))
        .select_related("practitioner__user", "client")
        .order_by("start")
    )
    for number, booking in enumerate(sessions):
        author = booking.practitioner.user
        if author is None:
            continue
        note = note_start(booking=booking, author=author)
        note = note_update(note=note, content=CONTENTS[number % len(CONTENTS)], author=author)
        note_sign(note=note, signer=author)
