"""Clients of the practice. Minimal for now; the back office extends it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def normalize_email(email: str) -> str:
    """One spelling per address: trimmed and lower-cased (how clients are matched)."""
    return email.strip().lower()


class Client(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True, help_text="Stored normalized (lower case).")
    phone = models.CharField(max_length=40, blank=True)
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

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
