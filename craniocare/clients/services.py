"""Write paths for clients."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from .models import Client, normalize_email


def client_for_booking(*, name: str, email: str, phone: str = "") -> Client:
    """The client with this email (matched case-insensitively), created when new.

    An existing client keeps their name; a missing phone number is filled in. A user account with
    the same email is linked. Safe under concurrency: the unique email decides.
    """
    address = normalize_email(email)
    client = Client.objects.filter(email=address).first()
    if client is None:
        user = get_user_model().objects.filter(email__iexact=address).first()
        if user is not None and Client.objects.filter(user=user).exists():
            user = None
        try:
            with transaction.atomic():
                client = Client.objects.create(
                    name=name.strip(), email=address, phone=phone.strip(), user=user
                )
        except IntegrityError:
            client = Client.objects.get(email=address)
    if phone.strip() and not client.phone:
        client.phone = phone.strip()
        client.save(update_fields=["phone", "updated_at"])
    return client
