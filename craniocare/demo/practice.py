"""The demo practice's identity and policies, written through the office's settings write path.

Every sentence in the demo is written for CranioCare; facts about the practice's work come from
the practice's own article in shared/reference/.
"""

from __future__ import annotations

from craniocare.core.models import PracticeProfile
from craniocare.core.services import practice_profile_update

PRACTICE = {
    "name": "Serena CranioCare",
    "tagline": "Gentle CranioSacral Therapy for a nervous system that needs to rest.",
    "description": (
        "Serena CranioCare offers light-touch CranioSacral Therapy in Toronto for chronic "
        "tension, jaw and pelvic pain, stress and feeling ungrounded."
    ),
    "practitioner_name": "Serena Hale",
    "practitioner_title": "CranioSacral Therapist",
    "street_address": "214 Harbord Street, Suite 3",
    "locality": "Toronto",
    "region": "ON",
    "postal_code": "M5S 1H6",
    "country": "CA",
    "phone": "+1 416 555 0142",
    "email": "hello@serenacraniocare.example",
    "time_zone": "America/Toronto",
    "currency": "CAD",
    "reply_time": "within one business day",
    "instagram_url": "https://www.instagram.com/serenacraniocare.example/",
    "cancellation_policy": (
        "Inside 24 hours, please call or email us. A late cancellation or a missed session may "
        "be charged in full, because the time was held for you."
    ),
    "holiday_region": "CA-ON",  # Ontario's public holidays are closed for online booking
}


def seed_practice() -> PracticeProfile:
    """Create the practice, or set its fields back to the demo's."""
    profile = PracticeProfile.objects.filter(pk=1).first() or PracticeProfile(pk=1)
    return practice_profile_update(profile=profile, **PRACTICE)
