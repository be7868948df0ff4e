from __future__ import annotations

from django.conf import settings
from django.db import models

from craniocare.clients.models import Client
from craniocare.outbox.models import Message


class Topic(models.TextChoices):
    QUESTION = "question", "A question about sessions or CranioSacral Therapy"
    BOOKING = "booking", "Help booking a session"
    OTHER = "other", "Something else"


# How each topic reads in a subject line: "New question from Alice Martin (booking help)".
TOPIC_SHORT: dict[str, str] = {
    Topic.QUESTION.value: "general question",
    Topic.BOOKING.value: "booking help",
    Topic.OTHER.value: "other",
}


class Status(models.TextChoices):
    NEW = "new", "New"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


class ContactMessageQuerySet(models.QuerySet["ContactMessage"]):
    def new(self) -> ContactMessageQuerySet:
        return self.filter(status=Status.NEW)


class ContactMessage(models.Model):
    """A message sent through the public contact form. Written only by contact_message_create."""

    USER_AGENT_MAX_LENGTH = 300

    name = models.CharField(max_length=120)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    topic = models.CharField(max_length=20, choices=Topic.choices, default=Topic.QUESTION)
    message = models.TextField()
    consent_to_contact = models.BooleanField(
        default=False, help_text="The sender agreed to be contacted about this message."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=USER_AGENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    notification = models.ForeignKey(
        Message,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The email that tells the practice about this message (in the outbox).",
    )
    client = models.ForeignKey(
        Client,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_messages",
        help_text="The client this message is from, once linked in the inbox.",
    )

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "contact message"

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> ({self.get_topic_display()})"

    @property
    def topic_short(self) -> str:
        return TOPIC_SHORT.get(self.topic, self.topic)


class ContactReply(models.Model):
    """An answer to a contact message, emailed from the office inbox (contact.inbox).

    `sent_at` is when it was sent from the inbox (its email queued in the same transaction);
    `outbox_message` is that email, whose status says whether the mail server has taken it."""

    message = models.ForeignKey(ContactMessage, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    outbox_message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "contact replies"

    def __str__(self) -> str:
        return f"Reply to {self.message_id} at {self.created_at:%Y-%m-%d %H:%M}"
