"""The demo's four services, written through the catalog's write path (`service_save`).

Serena offers the three CranioSacral services and Pia her own somatic-release-60 (who offers
what is in schedule.py). A practitioner added to a demo service by hand keeps offering it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import Decimal

from craniocare.catalog.models import Service
from craniocare.catalog.services import service_save
from craniocare.scheduling.models import Practitioner

from .schedule import PRACTITIONERS

logger = logging.getLogger(__name__)

SERVICES = [
    {
        "slug": "craniosacral-60",
        "name": "CranioSacral Therapy, 60 minutes",
        "summary": "A full session for tension, stress, headaches, back and pelvic pain.",
        "description": (
            "A brief check-in, then about fifty minutes of hands-on work wherever your body "
            "needs it most, from the head to the sacrum. A good place to start."
        ),
        "duration_minutes": 60,
        "price": Decimal("120.00"),
        "buffer_after_minutes": 15,
        "consents_required": [],
        "position": 1,
    },
    {
        "slug": "craniosacral-90",
        "name": "CranioSacral Therapy, 90 minutes",
        "summary": "More time to settle: for complex, long-standing or whole-body patterns.",
        "description": (
            "The extra half hour lets the nervous system slow right down. Often chosen for "
            "chronic pain, trauma recovery, or when the jaw, pelvis and breath all want "
            "attention in one visit."
        ),
        "duration_minutes": 90,
        "price": Decimal("165.00"),
        "buffer_after_minutes": 15,
        "consents_required": [],
        "position": 2,
    },
    {
        "slug": "jaw-tmj-60",
        "name": "Jaw and TMJ session, 60 minutes",
        "summary": "Focused work for clenching, jaw pain, clicking and related headaches.",
        "description": (
            "Work on the head, neck and jaw, and where you consent to it, gentle gloved work "
            "inside the mouth to soften the deep jaw muscles. The pelvis and diaphragm are "
            "often included, since tension in the jaw and the pelvis tends to travel together."
        ),
        "duration_minutes": 60,
        "price": Decimal("130.00"),
        "buffer_after_minutes": 15,
        "consents_required": ["intraoral"],
        "position": 3,
    },
    {
        # Pia's own service (the three above are Serena's).
        "slug": "somatic-release-60",
        "name": "Somatic Release, 60 minutes",
        "summary": "Slow, light-touch work for a body that braces, startles or cannot settle.",
        "description": (
            "A short conversation about what you notice in your body, then hands-on "
            "work on the diaphragm, ribs, shoulders and neck, at a pace that lets your breath "
            "deepen by itself. Good for stress that lives in the chest and shoulders."
        ),
        "duration_minutes": 60,
        "price": Decimal("125.00"),
        "buffer_after_minutes": 15,
        "consents_required": [],
        "position": 4,
    },
]

SERVICE_DEFAULTS = {
    "slot_step_minutes": 30,
    "min_notice_minutes": 12 * 60,
    "booking_window_days": 180,
    "cancellation_cutoff_hours": 24,
    "buffer_before_minutes": 0,
    "active": True,
}


def seed_services(practitioners: Mapping[str, Practitioner]) -> None:
    """Create the services, or set their fields back to the demo's, offered by `practitioners`
    (by slug) as the demo says. A service nobody could offer is skipped, with a log line."""
    for values in SERVICES:
        fields = {**SERVICE_DEFAULTS, **values}
        slug = str(fields.pop("slug"))
        service = Service.objects.filter(slug=slug).first() or Service(slug=slug)
        offered_by = list(service.practitioners.all()) if service.pk else []
        for demo in PRACTITIONERS:
            practitioner = practitioners.get(demo.slug)
            if slug in demo.services and practitioner and practitioner not in offered_by:
                offered_by.append(practitioner)
        if not offered_by:
            logger.warning("Demo service %s skipped: none of its practitioners exists.", slug)
            continue
        for field, value in fields.items():
            setattr(service, field, value)
        service_save(service=service, practitioners=offered_by)
