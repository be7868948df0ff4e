"""The client's links to their intake form and consents: signed, expiring, unguessable.

A token is `django.core.signing`'s timestamped signature of the client's id under SECRET_KEY,
with a salt of its own: nothing is stored, a changed character fails the signature, and a token
older than ``INTAKE_LINK_MAX_AGE_DAYS`` (settings, default 30) is refused as expired. The booking
confirmation and the reminders put a fresh one in every message (``intake_link_for``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from django.conf import settings
from django.core import signing
from django.urls import reverse

from craniocare.clients.models import Client

_SALT = "craniocare.intake.client-link"
DEFAULT_MAX_AGE_DAYS = 30

TokenProblem = Literal["invalid", "expired"]


def max_age() -> timedelta:
    return timedelta(days=getattr(settings, "INTAKE_LINK_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS))


def token_for(client: Client) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(signing.b62_encode(client.pk))


def client_id_from(token: str) -> int | TokenProblem:
    """The client id a token names, or why it cannot be used."""
    if len(token) > 200:
        return "invalid"
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=max_age())
    except signing.SignatureExpired:
        return "expired"
    except signing.BadSignature:
        return "invalid"
    try:
        return signing.b62_decode(value)
    except (ValueError, KeyError):
        return "invalid"


def intake_link_for(client: Client) -> str:
    """The path of the client's intake form (prefix the site's address in emails)."""
    return reverse("intake:overview", kwargs={"token": token_for(client)})


def consent_link_for(client: Client, kind: str) -> str:
    """The path of the page where the client reads and signs the consent `kind`."""
    return reverse("intake:consent", kwargs={"token": token_for(client), "kind": kind})
