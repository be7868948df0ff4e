"""Demo articles for `seed_demo`: three published, one draft, one scheduled. Idempotent.

The texts are original. Covers are abstract artwork generated at seed time (artwork.py), made
only when a post has none or its file has gone missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .artwork import cover_webp
from .models import Post, PostStatus, Tag

TAGS = {
    "psoas": "psoas",
    "pelvis": "pelvis",
    "jaw-tmj": "jaw & TMJ",
    "first-visit": "first visit",
    "nervous-system": "nervous system",
}


@dataclass(frozen=True)
class DemoPost:
    slug: str
    title: str
    summary: str
    body: str
    tags: tuple[str, ...]
    cover_alt: str
    status: str = PostStatus.PUBLISHED
    days_from_now: int | None = None  # publication time relative to the first seeding


PSOAS = DemoPost(
    slug="psoas-pelvis-and-jaw",
    title="The psoas, the pelvis and the jaw: a deep muscle with a long reach",
    summary=(
        "A muscle that joins the spine to the legs takes part in posture, breath and the way "
        "we react to stress. How it relates to the pelvis and even the jaw, and how gentle "
        "CranioSacral work can help it let go."
    ),
    tags=("psoas", "pelvis", "jaw-tmj", "nervous-system"),
    cover_alt=(
        "Abstract artwork: soft sage and clay shapes resting on a cream background, "
        "crossed by slow, wave-like lines."
    ),
    days_from_now=-45,
    body="""\
Some muscles are easy to find: you can feel your calf or your shoulder at work. The psoas is
different. It lies so deep that most people never think about it until something feels wrong,
yet it takes part in nearly every step, every breath and every startled reaction. In the
treatment room it comes up again and again, often together with a place you might not expect:
the jaw.

## Where the psoas lives

The psoas major starts at the sides of the last thoracic vertebra and the five lumbar
vertebrae, roughly from T12 down to L5. From there it runs forward and down through the bowl of
the pelvis and attaches at the top of the thigh bone, the femur. It is the only muscle that
links the spine directly to the legs.

Because of that route, it does far more than lift the knee:

- **Posture.** It helps hold the lower back and the pelvis in relation to each other while we
  stand and sit.
- **Breath.** Its upper fibres sit right beside the attachments of the diaphragm, so tension
  in one tends to show up in the other.
- **Support.** It lies behind the organs of the lower abdomen and helps cradle them.
- **Protection.** When we sense danger, the psoas is among the first muscles to shorten,
  curling us forward and readying the legs to run or brace.

## A muscle that remembers stress

That last role is why somatic practitioners sometimes call the psoas "the muscle of the soul".
The stress response is meant to come and go: we tense, we act, we settle. When stress goes on
for months, or a frightening experience never quite finishes in the body, the psoas can stay
partly contracted, as if it were still on guard.

A psoas that cannot let go may be one part of a wider picture that includes:

- aching in the lower back, hips or pelvis
- stiffness when getting up after sitting
- shallow breathing that stays high in the chest
- an unsettled digestion
- feeling restless, keyed up or somehow not quite in your body

None of these has a single cause, and a tight psoas is never the whole story. It is, though, a
thread worth following.

## The pelvis: where it all meets

On its way to the thigh, the psoas crosses the pelvis, a busy meeting point of bones,
ligaments, organs, nerves and fascia. When the muscle is short on one or both sides it can
draw the lower spine forward, tip the pelvis, limit how freely the sacroiliac joints move and
add load to the pelvic floor. People rarely describe this in anatomical terms. They talk about
feeling unsettled, ungrounded or unable to rest.

## The jaw connection

It may seem odd to talk about the jaw in an article about a hip muscle. Fascia, the connective
tissue that wraps and joins every structure in the body, forms continuous lines from the head
to the feet, and tension in one region can travel along those lines and be felt far away.

The pterygoid muscles, tucked deep inside the jaw, are a good example. They are often tight in
people who clench, grind their teeth or live with TMJ problems. When gentle work inside the
mouth helps them soften, clients sometimes notice a change much lower down, in the neck, the
back or the belly. The jaw and the psoas are also two of the places where we brace without
thinking when life feels like too much, so easing one often invites the other to follow.

## How CranioSacral Therapy works with the psoas

CranioSacral Therapy does not stretch or dig into the psoas. It works with the nervous system
that keeps the muscle on guard. With very light, steady contact, the practitioner offers the
body a sense of safety and time, and the tissues often begin to unwind by themselves. A
session with the psoas in mind might include:

1. Quiet holds at the sacrum and the pelvis, where the muscle is anchored.
2. Work around the diaphragm, to help the breath settle lower.
3. Attention to the head, neck and jaw, following the fascial lines described above.
4. Pauses that give the whole system room to settle.

## What clients often tell us

Everyone responds in their own way, and nothing can be promised. Still, after this kind of
work people commonly mention:

- less pain in the back, pelvis or jaw
- moving, sitting and standing with more ease
- breathing that feels fuller, and a calmer digestion
- feeling less anxious and steadier on their feet
- a quiet sense of being at home in their body again

## A gentle note

CranioSacral Therapy supports your health; it is not a substitute for diagnosis or treatment
by your physician or other health professionals. If your pain is new, severe or getting
worse, please have it checked by a doctor first. We are always glad to work alongside the rest
of your care team.
""",
)

FIRST_SESSION = DemoPost(
    slug="your-first-craniosacral-session",
    title="Your first CranioSacral session: what to expect",
    summary=(
        "Fully clothed, light touch, a quiet room and plenty of time to talk. A walk through a "
        "first visit, from the intake form to the hours after you leave."
    ),
    tags=("first-visit", "nervous-system"),
    cover_alt=(
        "Abstract artwork: pale sage and cream forms blending softly into each other, "
        "with a thin clay-coloured line flowing through them."
    ),
    days_from_now=-24,
    body="""\
Booking something new for your body can bring up questions, and that is completely natural.
Many people arrive at their first CranioSacral Therapy appointment unsure of what will happen.
This article walks through a typical first visit from beginning to end, so that you can come
in knowing what to expect and feeling at ease.

## Before you arrive

Once your appointment is booked, you will receive a short health history and intake form to
fill in online. It asks what brings you in, about past injuries or surgeries and medications,
and anything else you would like us to know. Completing it beforehand leaves more of your time
for the session itself, and it helps us plan with care.

A few practical tips:

- Wear soft, comfortable clothes you can lie down in. You stay fully clothed throughout.
- Leave a little extra time, so you do not arrive in a rush.
- Eat lightly beforehand if you can, and bring some water.
- If anything about your health changes before the visit, simply tell us when you arrive.

## Starting with a conversation

We begin by talking. We go over your form together, listen to what you are hoping for and
answer your questions. It is also a good moment to mention any areas you would rather we
avoid, how you feel about touch, and whether you would like to chat during the session or rest
in silence. Nothing happens without your agreement, and you can change your mind at any time.

## On the table

The session takes place in a calm, warm, quiet room. You lie on a padded treatment table,
usually on your back, with pillows and a blanket to keep you comfortable. There is no oil and
no undressing: we only ask you to take off your shoes, glasses and anything bulky.

The touch is light, often compared to the weight of a coin. The practitioner rests their hands
gently and listens through them for subtle rhythms and patterns of holding in your body.
Depending on what we discussed and what your body shows, the work may include:

- the **head** and the base of the skull
- the **sacrum** and the **pelvis**
- the **diaphragm** and the ribcage
- the **jaw** and the neck
- other areas where your body seems to be holding on

A single hold can last several minutes. Nothing is forced; the aim is to follow your body, not
to push it.

## What you might feel

Experiences vary a great deal, even from one session to the next for the same person. Some
common ones are:

- warmth spreading under or away from the practitioner's hands
- small movements, gentle pulses or a sense of unwinding in the tissues
- a deep, dreamy relaxation, sometimes drifting into sleep
- feelings or memories coming to the surface, now and then with a sigh or tears

Emotional release is a normal part of this work. It is always welcome and never expected. If
anything feels uncomfortable, tell us: we can pause, change your position or stop altogether.
You are in charge of your session.

## After the session

When the work is complete, we give you time to come back slowly, sit up and drink some water.
We share a few observations and ask how you feel. Some people leave light and full of energy;
others feel sleepy and want a quiet evening. Both are perfectly fine.

In the day or two that follows, it can help to:

1. Drink plenty of water.
2. Rest when you can, and skip hard exercise for the rest of the day.
3. Notice any changes in sleep, mood, pain or breathing, and mention them next time.

## How many sessions?

Some people come once; others find that a short series, perhaps every week or two at first,
lets changes settle more deeply. We will talk about what makes sense for you, with no pressure
either way.

## A gentle reminder

CranioSacral Therapy is a complementary approach. It supports, but does not replace, the care
you receive from your doctor or other health professionals. If you are not sure whether it is
right for you, please get in touch before booking; we are happy to help you decide.
""",
)

JAW = DemoPost(
    slug="jaw-tension-and-tmj",
    title="Jaw tension and TMJ: gentle work outside and inside the mouth",
    summary=(
        "Clenching, clicking and aching jaws are common. How CranioSacral Therapy approaches "
        "the jaw, and how optional intraoral work is done: with separate written consent, "
        "gloves and you in control."
    ),
    tags=("jaw-tmj", "nervous-system"),
    cover_alt=(
        "Abstract artwork: rounded sage shapes and a warm clay glow over cream, "
        "with calm lines curving across the middle."
    ),
    days_from_now=-9,
    body="""\
The jaw is one of the hardest-working joints in the body. It moves whenever we speak, chew,
swallow or yawn, and it is also one of the first places we hold on when we are worried,
concentrating or trying not to cry. For many people that holding never fully lets go, and over
time it can turn into pain, clicking or headaches.

## When the jaw stays clenched

The temporomandibular joints, or TMJ, sit just in front of each ear, where the lower jaw meets
the skull. Trouble in and around them is very common and usually has more than one source:
grinding or clenching at night, long dental appointments, an old injury, posture, or long
stretches of stress. Signs that your jaw is under strain can include:

- aching around the jaw, temples, face or ears
- clicking, popping or grating as you open or close your mouth
- difficulty opening wide, or the jaw drifting to one side
- tension headaches or a stiff neck
- teeth that feel sore when you wake up

If you notice any of these, and especially if your jaw locks or the pain is severe, please see
your dentist or doctor as well. They can rule out problems that need their care, and we are
happy to work alongside them.

## Why we look beyond the jaw

In CranioSacral Therapy the jaw is never treated as a separate part. The bones of the skull,
the neck, the collarbones and the fascia running down through the chest and belly all
influence how it sits and moves. The pterygoid muscles deep inside the jaw connect through
these fascial lines to structures much further down, as far as the pelvis and the psoas. That
is why a session for jaw tension often includes gentle work at the head, the neck, the
diaphragm and the sacrum, and why clients sometimes feel their breathing or their lower back
change as the jaw lets go.

## Working outside the mouth

Most of the work happens while you lie comfortably on the table, fully clothed. The
practitioner uses light contact on the skull, the temples, the joints in front of the ears and
the muscles of the face and neck, following the tissues as they soften. Many people find this
alone brings a real sense of release.

## Intraoral work: always your choice

Some of the muscles involved, such as the pterygoids and the inner part of the masseter, can
only be reached from inside the mouth. Intraoral work is an established part of CranioSacral
Therapy and can help a great deal with jaw pain. It is also personal, so we approach it with
particular care:

- **It is always optional.** You are welcome to a full session without it, and saying no
  changes nothing about your care.
- **Separate written consent.** Before any intraoral work, we explain exactly what it involves
  and ask you to read and sign a dedicated consent form, in addition to your general intake.
- **Clean, gloved hands.** The practitioner always wears fresh, non-latex medical gloves for
  this work. Please tell us about any allergies ahead of time.
- **You stay in control.** We agree on a simple signal, such as raising a hand, that means
  pause or stop, and we check in with you throughout. You can withdraw your consent at any
  moment, even partway through.
- **Brief and gentle.** Contact inside the mouth is short and soft. It is never forceful and
  should not hurt.

If you are curious but unsure, you can ask about it during your first visit without
committing to anything.

## Caring for your jaw at home

Between sessions, a few small habits can support the work:

1. Notice when your teeth touch during the day. At rest they are meant to be slightly apart,
   with the tongue lying softly against the roof of the mouth.
2. Rest a warm compress on the sides of your face in the evening.
3. Choose softer foods for a few days after a session if your jaw feels tender.
4. Take short pauses to let your shoulders drop and your breath slow down.

## A gentle note

CranioSacral Therapy is a complementary approach and not a substitute for dental or medical
care. If you live with jaw pain, we would be glad to talk with you about whether a session,
with or without intraoral work, might suit you.
""",
)

BREATH = DemoPost(
    slug="breath-and-the-diaphragm",
    title="Breath, the diaphragm and a settled nervous system",
    summary=(
        "The diaphragm shares space with the psoas and responds quickly to stress. A short "
        "look at why CranioSacral sessions so often include it."
    ),
    tags=("nervous-system", "psoas"),
    cover_alt=(
        "Abstract artwork: layered light sage and cream shapes with a soft clay accent, "
        "like a slow breath drawn in colour."
    ),
    days_from_now=21,  # scheduled: hidden until then
    body="""\
Most of the time we breathe without a single thought, and the diaphragm does the work. This
dome-shaped muscle under the ribs moves down as we breathe in and rises as we breathe out. Its
back edges reach the same vertebrae where the psoas begins, so the two often tighten together.

## Why it matters

When we are stressed, breathing tends to move up into the chest and become quick and shallow.
Over time this pattern can feel normal, even though it keeps the body on alert.

## What we do in a session

- rest a hand softly under the back and one over the lower ribs
- wait for the tissues to soften, without asking you to breathe in a special way
- follow any change in rhythm up toward the neck or down toward the pelvis

Many people notice their breath dropping lower and slower on its own.
""",
)

BETWEEN_SESSIONS = DemoPost(
    slug="caring-for-yourself-between-sessions",
    title="Caring for yourself between sessions",
    summary="Small, kind habits that help the effects of a session last.",
    tags=("nervous-system",),
    cover_alt="Abstract artwork: quiet cream and sage gradients with a few soft, curving lines.",
    status=PostStatus.DRAFT,
    body="""\
Notes for a future article; not ready to publish yet.

## Ideas to cover

- resting after a session, and why sleepiness is normal
- water, warmth and gentle walks
- noticing changes in a simple journal
- when to get in touch before the next visit
""",
)

DEMO_POSTS = (PSOAS, FIRST_SESSION, JAW, BREATH, BETWEEN_SESSIONS)


def _tag(slug: str) -> Tag:
    tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": TAGS[slug]})
    return tag


def _ensure_cover(post: Post) -> None:
    """Give `post` a generated cover unless it has one whose file still exists."""
    if post.cover and post.cover.storage.exists(post.cover.name):
        return
    post.cover.save(f"{post.slug}.webp", ContentFile(cover_webp(post.slug)), save=True)


def seed_posts() -> None:
    """Create or refresh the demo articles; running it again changes nothing but their text."""
    now = timezone.now()
    with transaction.atomic():
        for demo in DEMO_POSTS:
            create_defaults = {
                "title": demo.title,
                "summary": demo.summary,
                "body": demo.body,
                "status": demo.status,
                "cover_alt": demo.cover_alt,
                "published_at": (
                    now + timedelta(days=demo.days_from_now)
                    if demo.days_from_now is not None
                    else None
                ),
            }
            post, _ = Post.objects.update_or_create(
                slug=demo.slug,
                defaults={
                    "title": demo.title,
                    "summary": demo.summary,
                    "body": demo.body,
                    "cover_alt": demo.cover_alt,
                },
                create_defaults=create_defaults,
            )
            post.tags.set([_tag(slug) for slug in demo.tags])
            _ensure_cover(post)
