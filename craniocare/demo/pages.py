"""The demo's public pages (home, about, sessions and prices, what to expect, FAQ) and its FAQ.

Pages and FAQ entries are edited in the Django admin only, so there is no write path to call:
the demo writes their rows itself.
"""

from __future__ import annotations

from craniocare.website.models import FaqEntry, Page, PageKey

HOME = {
    "title": "Gentle hands, room to settle, space to heal",
    "intro": (
        "CranioSacral Therapy is a quiet, light-touch treatment that helps a stressed body "
        "let go of deep holding patterns. It suits people living with chronic tension, jaw or "
        "pelvic pain, poor sleep, or a sense of never quite switching off."
    ),
    "meta_description": (
        "Light-touch CranioSacral Therapy in Toronto for chronic tension, jaw and TMJ pain, "
        "pelvic and lower back pain, stress and anxiety. Book online."
    ),
    "body": """\
## Who comes to see me

People usually arrive after trying several other things. Some live with lower back or pelvic
pain that returns whatever they do. Some clench their jaw at night or have been told they have
TMJ dysfunction. Others feel anxious, restless or disconnected from their body, and would like
to feel steady again. You do not need a diagnosis to book, and you do not need to be in pain.

## What CranioSacral Therapy is

It is a hands-on approach that works with the membranes, fascia and fluid around the brain and
spinal cord, from the skull down to the sacrum. The touch is light, often no more than the
weight of a coin. Instead of forcing a change, I follow what your tissues are already trying to
do, and the nervous system gets the chance to move out of alarm and into rest.

## What it is not

- It is not massage: there is no deep pressure, oil, or undressing.
- It is not manipulation: nothing is cracked, pushed or stretched hard.
- It is not a replacement for medical care. I am happy to work alongside your physician,
  dentist, physiotherapist or psychotherapist.
""",
}

ABOUT = {
    "title": "About Serena",
    "intro": (
        "I am a CranioSacral Therapist with a quiet practice in Toronto's Annex, and I have "
        "spent the last decade learning to listen to bodies with my hands."
    ),
    "meta_description": "Meet Serena Hale, CranioSacral Therapist at Serena CranioCare in Toronto.",
    "body": """\
I came to this work after years of my own jaw pain and shallow breathing. Nothing I tried
helped for long until a CranioSacral practitioner did almost nothing, or so it seemed, and I
walked out feeling as if my whole spine had lengthened. I wanted to understand why.

## Training

- Advanced training in CranioSacral Therapy, including intraoral techniques for the jaw.
- Continuing education in trauma-informed care and somatic approaches to the stress response.
- Regular supervision and peer review, so that my work stays careful and current.

## How I work

Each session is shaped by what your body brings that day. I work slowly, check in often, and
explain what I am doing as I go if you would like that. You remain in charge throughout: you can
ask me to pause, change position or stop at any moment.

I particularly enjoy working with people whose jaw, pelvis and breathing seem tangled together,
and with anyone who feels they have been holding on for a very long time.
""",
}

SERVICES_PAGE = {
    "title": "Sessions and prices",
    "intro": (
        "Every session takes place fully clothed on a padded treatment table. Prices are in "
        "Canadian dollars and include HST where it applies; receipts are provided for insurance."
    ),
    "meta_description": (
        "CranioSacral Therapy sessions of 60 and 90 minutes, jaw and TMJ work, and somatic "
        "release sessions."
    ),
    "body": """\
## Policies

**Before your first visit.** You will receive a short health intake form and the consents your
session needs. Please fill them in a day ahead so that our time together is spent on you.

**Payment.** Payment is taken at the end of the session by card or e-transfer.
""",
}

WHAT_TO_EXPECT = {
    "title": "What to expect in a session",
    "intro": (
        "Most people are surprised by how little seems to happen on the outside, and by how "
        "much they notice on the inside. Here is what a session looks like."
    ),
    "meta_description": (
        "What happens in a CranioSacral Therapy session: fully clothed, light touch, a quiet "
        "room, and what you may feel during and after."
    ),
    "body": """\
## Before we begin

At your first visit we spend a few minutes going through your intake form: what brings you in,
your health history, and what you would like from our work together. If your session may
include work inside the mouth, we go through that consent too, and you can decline it.

## During the session

- You stay fully clothed. Comfortable clothes are best; please remove glasses and large jewellery.
- You rest on your back on a padded table, with pillows and a blanket as you like them.
- The room is quiet and warm. We can talk, or not talk; both are fine.
- My touch is light and still. I may hold your head, the base of your skull, your sacrum, your
  pelvis, your ribs and diaphragm, or your jaw, following where your body seems to ask for
  attention.

## What you may feel

Some people feel warmth, tingling, gentle pulsing or a sense of things softening and
unwinding. Some drift into a state between waking and sleep. Occasionally feelings surface:
tears, a memory, a long sigh. That is welcome and held with care, and you never have to explain
it. Others notice very little during the session and more over the following days.

## Afterwards

Drink some water and, if you can, give yourself a quiet hour. It is common to feel relaxed and a
little sleepy, and sometimes tender or tired the next day as your body reorganizes. If anything
worries you, send me a message.
""",
}

FAQ_PAGE = {
    "title": "Frequently asked questions",
    "intro": "Straight answers to the questions people ask most before their first session.",
    "meta_description": (
        "Answers about CranioSacral Therapy sessions, safety, jaw work and policies."
    ),
}

FAQ = [
    (
        "How many sessions will I need?",
        "It depends on what you come in with. Many people notice a change after the first "
        "session; longer-standing patterns often respond best to three to six sessions, one "
        "or two weeks apart. We will review together how things are going, and you decide "
        "how to continue.",
    ),
    (
        "Is CranioSacral Therapy safe for everyone?",
        "It is very gentle, but it is not right for everyone. Please do not book, and talk to "
        "your doctor first, if you have had a recent head injury, concussion, stroke or brain "
        "surgery; a known aneurysm; a bleed in or around the brain; raised pressure inside the "
        "skull; or a condition such as a Chiari malformation. If you are pregnant, have a "
        "heart condition or are recovering from surgery, mention it on your intake form so we "
        "can adapt the session.",
    ),
    (
        "How is intraoral jaw work done, and do I have to have it?",
        "Some jaw and TMJ sessions include gentle work inside the mouth to release the muscles "
        "deep in the jaw, such as the pterygoids. It is always optional. Before your first "
        "session of this kind you read and sign a separate written consent. I wear fresh "
        "medical gloves, explain each step before I do it, and agree a signal with you (such "
        "as raising a hand) that means stop; you can withdraw your consent at any time, even "
        "in the middle of a session.",
    ),
    (
        "What is your cancellation policy?",
        "You can cancel or reschedule online until 24 hours before your session, using the "
        "link in your confirmation email. After that, please call or email: late "
        "cancellations and missed sessions may be charged in full, because the time was held "
        "for you. Illness and emergencies are treated with understanding.",
    ),
    (
        "Do I need to undress?",
        "No. You stay fully clothed the whole time. Soft, comfortable clothing works best.",
    ),
    (
        "Is it covered by insurance?",
        "Some extended health plans cover CranioSacral Therapy when it is provided by a "
        "registered massage therapist or another regulated professional. Check with your "
        "plan; you will receive a detailed receipt after every session.",
    ),
    (
        "Can children or older adults have sessions?",
        "Yes. The touch is light enough for all ages. A parent or guardian stays in the room "
        "for clients under 16 and signs the consent forms.",
    ),
]


def seed_pages() -> None:
    """Create the pages and FAQ entries, or set their text back to the demo's."""
    pages = {
        PageKey.HOME: HOME,
        PageKey.ABOUT: ABOUT,
        PageKey.SERVICES: SERVICES_PAGE,
        PageKey.WHAT_TO_EXPECT: WHAT_TO_EXPECT,
        PageKey.FAQ: FAQ_PAGE,
    }
    for key, values in pages.items():
        Page.objects.update_or_create(key=key, defaults=values)
    for position, (question, answer) in enumerate(FAQ, start=1):
        FaqEntry.objects.update_or_create(
            question=question, defaults={"answer": answer, "position": position}
        )
