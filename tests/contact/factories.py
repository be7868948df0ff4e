from __future__ import annotations

import factory

from craniocare.contact.models import ContactMessage, Topic


class ContactMessageFactory(factory.django.DjangoModelFactory[ContactMessage]):
    class Meta:
        model = ContactMessage

    name = "Bob Chen"
    email = factory.Sequence(lambda n: f"visitor{n}@example.com")
    phone = ""
    topic = Topic.QUESTION
    message = "Is CranioSacral Therapy suitable after a concussion?"
    consent_to_contact = True
    ip_address = "203.0.113.5"
    user_agent = "Mozilla/5.0 (test)"
