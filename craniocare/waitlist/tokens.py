"""The secrets in the waitlist's links: "leave the waitlist" (per entry) and "book this time"
(per offer). Each token is an HMAC of the row's random uid under SECRET_KEY, and only its SHA-256
is stored, so the database alone reveals no working link while every email can rebuild it."""

from __future__ import annotations

import base64

from django.utils.crypto import salted_hmac

from craniocare.bookings.tokens import hash_token

__all__ = ["hash_token", "leave_token_for", "offer_token_for"]


def _token(salt: str, uid: str) -> str:
    digest = salted_hmac(salt, uid, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def leave_token_for(uid: str) -> str:
    return _token("craniocare.waitlist.leave", uid)


def offer_token_for(uid: str) -> str:
    return _token("craniocare.waitlist.offer", uid)
