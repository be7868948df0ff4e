"""Manage tokens: the secret in a client's manage link.

The token is an HMAC of the booking's uid under SECRET_KEY, and only its SHA-256 is stored
(`Booking.manage_token_hash`). So a copy of the database alone reveals no working link, while
the application can rebuild the link for every email about the booking (confirmation,
reschedule, reminders) and answer an idempotent retry with the same manage URL. Checking a
presented token compares its hash with the stored one in constant time, so links issued before a
SECRET_KEY rotation keep working.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import TYPE_CHECKING

from django.utils.crypto import salted_hmac

if TYPE_CHECKING:
    from .models import Booking

_SALT = "craniocare.bookings.manage-token"


def manage_token_for_uid(uid: str) -> str:
    digest = salted_hmac(_SALT, uid, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def manage_token_for(booking: Booking) -> str:
    """The plain manage token of `booking` (to put in a link; never store it)."""
    return manage_token_for_uid(booking.uid)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    """Constant-time comparison of a presented token with a stored hash."""
    return hmac.compare_digest(hash_token(token), stored_hash)
