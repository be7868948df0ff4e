"""Clients of the practice. Minimal for now; the back office extends it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


def normalize_email(email: str) -> str:
    """One spelling per address: trimmed and lower-cased (how clients are matched)."""
    return email.strip().lower()


def phone_digits(phone: str) -> str:
    """The digits of a phone number, what searches compare ("(416) 555-0101" -> "4165550101")."""
    return "".join(ch for ch in phone if ch.isdigit())


class Client(models.Model):
    name = models.CharField(max_length=200)
    # Empty for a client booked by phone who gave no address (office bookings only); unique
    # otherwise. Such a client is found again by name and phone (clients/services.py).
    email = models.EmailField(blank=True, help_text="Stored normalized (lower case).")
    phone = models.CharField(max_length=40, blank=True)
    phone_digits = models.CharField(
        max_length=40, blank=True, editable=False, help_text="The phone's digits, for search."
    )
    sms_consent = models.BooleanField(
        "agrees to text messages",
        default=False,
        help_text="Reminders by text message go only to clients who agreed to them.",
    )
    date_of_birth = models.DateField(
        null=True,
        blank=True,
        help_text="Optional. For a minor, the record is kept until ten years after their 18th "
        "birthday (see clients/retention.py).",
    )
    # An erasure request inside the retention period (clinical/restriction.py): the record is
    # kept for the legal period but hidden from everyday screens, and opening it takes an
    # explicit, audited action.
    restricted_at = models.DateTimeField(null=True, blank=True)
    restricted_reason = models.TextField(blank=True)
    restricted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    practice_notes = models.TextField(
        blank=True,
        help_text="Private notes for the practice (scheduling, preferences). Not clinical.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="client",
        help_text="The sign-in of this client, when they have one.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "email"]
        indexes = [
            models.Index(fields=["name"], name="clients_name"),
            models.Index(fields=["phone_digits"], name="clients_phone_digits"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~models.Q(email=""), name="clients_unique_email"
            ),
            # One phone-only record per person: the same name at the same number.
            models.UniqueConstraint(
                Lower("name"),
                "phone_digits",
                condition=models.Q(email=""),
                name="clients_unique_phone_only",
            ),
            models.CheckConstraint(
                condition=~models.Q(email="", phone_digits=""),
                name="clients_email_or_phone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email or self.phone}>"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.phone_digits = phone_digits(self.phone)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "phone" in update_fields:
            kwargs["update_fields"] = {*update_fields, "phone_digits"}
        super().save(*args, **kwargs)

    @property
    def is_restricted(self) -> bool:
        return self.restricted_at is not None


class ClientMerge(models.Model):
    """A record of two client records made one: who, when, and which fields the survivor took."""

    survivor = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="merges")
    merged_name = models.CharField(max_length=200)
    merged_email = models.EmailField(blank=True)
    fields_taken = models.JSONField(default=list, blank=True)
    bookings_moved = models.PositiveIntegerField(default=0)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.merged_email} merged into {self.survivor_id}"
