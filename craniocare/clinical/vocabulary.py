"""The fixed vocabularies of a session note: body-chart regions (by view), techniques and what
the client noticed. Stored as codes; labels are for people. Pure data, no ORM."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str
    label: str
    view: str  # "head", "front" or "back": the body-chart view that shows it


VIEWS: tuple[tuple[str, str], ...] = (
    ("head", "Head and jaw"),
    ("front", "Front"),
    ("back", "Back"),
)

REGIONS: tuple[Region, ...] = (
    Region("cranium", "Cranium", "head"),
    Region("jaw_tmj_left", "Jaw / TMJ, left", "head"),
    Region("jaw_tmj_right", "Jaw / TMJ, right", "head"),
    Region("intraoral_pterygoids", "Intraoral / pterygoids", "head"),
    Region("neck", "Neck", "head"),
    Region("thoracic_inlet", "Thoracic inlet", "front"),
    Region("diaphragm", "Diaphragm", "front"),
    Region("psoas_left", "Psoas, left", "front"),
    Region("psoas_right", "Psoas, right", "front"),
    Region("pelvis", "Pelvis", "front"),
    Region("pelvic_floor", "Pelvic floor", "front"),
    Region("hip_left", "Hip, left", "front"),
    Region("hip_right", "Hip, right", "front"),
    Region("thoracic_spine", "Thoracic spine", "back"),
    Region("lumbar_spine", "Lower back", "back"),
    Region("sacrum", "Sacrum", "back"),
    Region("si_joints", "SI joints", "back"),
)
REGION_CODES = frozenset(r.code for r in REGIONS)
REGION_LABELS = {r.code: r.label for r in REGIONS}
# Regions that ask for a consent of their own (issue 11: intraoral, pelvis, pelvic floor).
SENSITIVE_REGIONS = frozenset({"intraoral_pterygoids", "pelvis", "pelvic_floor"})

TECHNIQUES: tuple[tuple[str, str], ...] = (
    ("still_point", "Still point"),
    ("diaphragm_release", "Diaphragm release"),
    ("sacral_release", "Sacral release"),
    ("psoas_release", "Psoas release"),
    ("intraoral_release", "Intraoral release"),
    ("unwinding", "Unwinding"),
)
TECHNIQUE_CODES = frozenset(code for code, _ in TECHNIQUES)
TECHNIQUE_LABELS = dict(TECHNIQUES)

NOTICED: tuple[tuple[str, str], ...] = (
    ("warmth", "Warmth"),
    ("subtle_movement", "Subtle movement"),
    ("release", "Release"),
    ("emotional_shift", "Emotional shifts"),
)
NOTICED_CODES = frozenset(code for code, _ in NOTICED)
NOTICED_LABELS = dict(NOTICED)

PAIN_ROWS = 4  # pain ratings the editor offers at once

# The consent kind (catalog's ConsentKind values) each sensitive region asks for.
REGION_CONSENT: dict[str, str] = {
    "intraoral_pterygoids": "intraoral",
    "pelvis": "pelvic",
    "pelvic_floor": "pelvic",
}
assert frozenset(REGION_CONSENT) == SENSITIVE_REGIONS
