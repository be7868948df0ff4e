"""The default intake form and consent texts a new practice starts with (migration 0002 seeds
them; the practitioner publishes new versions from the office). Plain data: no ORM here."""

from __future__ import annotations

from typing import Any

HOW_LONG = ["Less than a month", "1 to 6 months", "6 to 12 months", "More than a year"]

# (key, what the client recognises)
SYMPTOMS: list[tuple[str, str]] = [
    ("on_edge", "Feeling on edge, or disconnected from yourself"),
    ("pelvic_back", "Ongoing pain in the pelvis or lower back"),
    ("hips", "Stiff hips"),
    ("digestion", "Digestive discomfort"),
    ("breathing", "Shallow or restricted breathing"),
    ("anxiety", "Anxiety or restlessness"),
    ("grounding", "Feeling emotionally numb, distant or ungrounded"),
    ("jaw", "Jaw or TMJ pain, or clenching your teeth"),
    ("headaches", "Headaches"),
]


def _symptom_questions() -> list[dict[str, Any]]:
    questions: list[dict[str, Any]] = []
    for key, label in SYMPTOMS:
        questions += [
            {"key": key, "type": "yesno", "label": label, "required": True},
            {
                "key": f"{key}_where",
                "type": "text",
                "label": "Where do you notice it?",
                "show_if": {key: "yes"},
            },
            {
                "key": f"{key}_since",
                "type": "choice",
                "label": "For how long?",
                "choices": HOW_LONG,
                "show_if": {key: "yes"},
            },
            {
                "key": f"{key}_strength",
                "type": "scale",
                "label": "How strong is it on a usual day? (0 none, 10 the most you can imagine)",
                "show_if": {key: "yes"},
                "flag": {"at_least": 8, "note": "Rated 8 or more out of 10."},
            },
        ]
    questions.append(
        {
            "key": "symptoms_other",
            "type": "longtext",
            "label": "Anything else you notice in your body that you would like to mention?",
        }
    )
    return questions


def _screening(key: str, label: str, note: str, help_text: str = "") -> dict[str, Any]:
    return {
        "key": key,
        "type": "yesno",
        "label": label,
        "help": help_text,
        "required": True,
        "flag": {"when": "yes", "note": note},
    }


DEFAULT_TEMPLATE: dict[str, Any] = {
    "sections": [
        {
            "key": "contact",
            "title": "About you",
            "intro": "How to reach you, and someone we may call if you feel unwell during a visit.",
            "questions": [
                {"key": "full_name", "type": "text", "label": "Your full name", "required": True},
                {"key": "date_of_birth", "type": "date", "label": "Date of birth"},
                {"key": "phone", "type": "phone", "label": "Your phone number", "required": True},
                {
                    "key": "emergency_name",
                    "type": "text",
                    "label": "Emergency contact: name",
                    "required": True,
                },
                {
                    "key": "emergency_relation",
                    "type": "text",
                    "label": "How you know them",
                    "help": "For example partner, parent, friend.",
                },
                {
                    "key": "emergency_phone",
                    "type": "phone",
                    "label": "Emergency contact: phone number",
                    "required": True,
                },
            ],
        },
        {
            "key": "history",
            "title": "Health history",
            "intro": "A short picture of your health so far. "
            "Write as much or as little as you like.",
            "questions": [
                {
                    "key": "conditions",
                    "type": "longtext",
                    "label": "Health conditions, past injuries, accidents or surgeries",
                    "help": "Include dental or jaw work and anything involving your head or spine.",
                },
                {
                    "key": "other_care",
                    "type": "yesno",
                    "label": "Are you seeing another health professional at the moment?",
                },
                {
                    "key": "other_care_who",
                    "type": "text",
                    "label": "Who, and what for?",
                    "show_if": {"other_care": "yes"},
                },
                {"key": "physician", "type": "text", "label": "Your family doctor (optional)"},
            ],
        },
        {
            "key": "medications",
            "title": "Medications",
            "questions": [
                {
                    "key": "medications",
                    "type": "longtext",
                    "label": "Medications and supplements you take",
                    "help": "Names and what they are for, if you know. Write “none” if none.",
                },
                {
                    "key": "blood_thinners",
                    "type": "yesno",
                    "label": "Do you take blood thinners?",
                    "flag": {"when": "yes", "note": "Takes blood thinners."},
                },
                {
                    "key": "latex",
                    "type": "yesno",
                    "label": "Are you allergic to latex?",
                    "help": "Gloves are worn for any work inside the mouth; "
                    "we use latex-free ones.",
                    "required": True,
                    "flag": {"when": "yes", "note": "Latex allergy: use nitrile gloves only."},
                },
            ],
        },
        {
            "key": "symptoms",
            "title": "What you notice now",
            "intro": "For each, tell us whether it is part of your life at the moment. If it is, "
            "a few short questions follow.",
            "questions": _symptom_questions(),
        },
        {
            "key": "goals",
            "title": "Your goals",
            "questions": [
                {
                    "key": "hopes",
                    "type": "multichoice",
                    "label": "What would you like our sessions to help with?",
                    "choices": [
                        "Less pain",
                        "Feeling calmer",
                        "Better sleep",
                        "Easier breathing",
                        "Feeling more grounded",
                        "Moving more freely",
                        "Something else",
                    ],
                },
                {
                    "key": "goals",
                    "type": "longtext",
                    "label": "In your own words: what would make these sessions "
                    "worthwhile for you?",
                    "required": True,
                },
            ],
        },
        {
            "key": "screening",
            "title": "Health screening",
            "intro": "CranioSacral Therapy is gentle, but with some conditions it needs extra care "
            "or is not the right choice. Your answers help us keep you safe.",
            "questions": [
                _screening(
                    "head_injury",
                    "Have you had a head injury, concussion or skull fracture "
                    "in the last three months?",
                    "Recent head injury or skull fracture: CST is not given until cleared.",
                ),
                _screening(
                    "intracranial_bleed",
                    "Have you been told you have bleeding inside the skull, or an aneurysm?",
                    "Known intracranial bleeding or aneurysm: CST is not given.",
                ),
                _screening(
                    "stroke",
                    "Have you had a stroke in the last six months?",
                    "Recent stroke: needs caution and medical clearance.",
                ),
                _screening(
                    "chiari",
                    "Have you been diagnosed with a Chiari malformation?",
                    "Chiari malformation: needs caution; discuss before any cranial work.",
                ),
                _screening(
                    "csf_pressure",
                    "Do you have a condition that affects the pressure of the fluid around your "
                    "brain and spinal cord?",
                    "Fluid pressure condition around the brain or spinal cord: needs caution.",
                    "For example hydrocephalus, a shunt, idiopathic intracranial hypertension, or "
                    "a spinal tap or epidural in the last few weeks.",
                ),
                {
                    "key": "pregnancy",
                    "type": "choice",
                    "label": "Are you pregnant, or might you be?",
                    "choices": ["No", "Yes", "Possibly", "I'd rather talk about it in person"],
                    "flag": {
                        "any_of": ["Yes", "Possibly"],
                        "note": "Pregnancy: adapt positions and pelvic work.",
                    },
                },
                {
                    "key": "pregnancy_notes",
                    "type": "longtext",
                    "label": "Pregnancy notes (optional)",
                    "help": "How far along, and anything your midwife or doctor "
                    "has asked you to avoid.",
                    "flag": {"when": "answered", "note": "Pregnancy notes given."},
                },
                {
                    "key": "anything_else",
                    "type": "longtext",
                    "label": "Is there anything else you would like your practitioner "
                    "to know first?",
                },
            ],
        },
    ]
}


DEFAULT_CONSENTS: dict[str, tuple[str, str]] = {
    "general": (
        "Consent to CranioSacral Therapy",
        """CranioSacral Therapy is a gentle, hands-on approach. You stay fully clothed and rest
on a treatment table while your practitioner uses light touch, mostly around the head, spine,
diaphragm and sacrum, and wherever your body seems to ask for attention.

**What you may notice.** Many people feel warmth, subtle movement, deep stillness or a sense of
release. Sometimes feelings or memories come up. All of this is normal and you are welcome to
say what you notice, or to say nothing.

**What it is not.** CranioSacral Therapy does not diagnose illness and does not replace care from
your doctor or other health professionals. Please keep seeing them for any medical concern, and
tell us if your health changes.

**Your choices.** You decide what happens. You can ask for lighter touch, a change of position, a
pause or the end of the session at any moment, and you can withdraw this consent at any time.

By signing, you confirm that you have read this, that your intake answers are true to the best
of your knowledge, and that you agree to receive CranioSacral Therapy.""",
    ),
    "intraoral": (
        "Consent to intraoral work (inside the mouth)",
        """Some jaw and TMJ sessions include gentle work inside the mouth, to help the muscles
that move the jaw (such as the pterygoids) let go. This consent is separate from the general one
and is always your choice.

**What will happen.** Your practitioner washes their hands and puts on fresh, single-use,
latex-free gloves. They tell you before they begin. With one or two fingers they rest lightly
on the gums, teeth or the soft tissue inside the cheek, and hold, usually for a few minutes at a
time. Nothing is forced and no instruments are used.

**Stopping.** Before we begin we agree on a simple signal, such as raising a hand. When you give
it, the work stops straight away, without questions. You can stop at any moment, for any reason,
and you can withdraw this consent at any time, including during a session.

**What you may feel.** Mild tenderness, a need to swallow, or a feeling of release in the jaw,
face, neck or further down the body. Tell us about anything that feels wrong.

By signing, you agree to intraoral work as described here, in sessions where you and your
practitioner decide it is right.""",
    ),
    "pelvic": (
        "Consent to work near the pelvis",
        """Work around the pelvis, sacrum, hips and the deep muscles of the lower belly (such as
the psoas) can help the lower back and the whole body settle. This consent is separate from the
general one and is always your choice.

**What will happen.** You stay fully clothed. Your practitioner explains where they would like to
place their hands before they do, for example under the sacrum, on the hip bones or on the lower
belly, and waits for your agreement. Touch is light and still. There is never any internal work.

**Stopping.** You can ask for a different hand position, a pause or an end to this work at any
moment, and you can withdraw this consent at any time, including during a session.

By signing, you agree to gentle work near the pelvis as described here.""",
    ),
}
