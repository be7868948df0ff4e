"""Write paths for clients."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from craniocare.accounts.models import Role
from craniocare.accounts.permissions import needs_mfa

from .models import Client, ClientMerge, normalize_email, phone_digits


def client_for_booking(
    *, name: str, email: str, phone: str = "", sms_consent: bool = False
) -> Client:
    """The client with this email (matched case-insensitively), created when new.

    An existing client keeps their name; a missing phone number is filled in. A user account with
    the same email is linked. Safe under concurrency: the unique email decides.

    Without an email (a caller booked in by the office with a phone number only), the client
    is the one with the same name and phone number (digits compared), created when new: a
    different name at the same number (a family sharing a phone) is a different client, never
    merged into one.

    `sms_consent` (ticked "text me reminders" when booking) records the client's agreement to
    texts; leaving it unticked never withdraws an agreement given before.
    """
    if not email.strip():
        client = _client_by_phone(name=name, phone=phone)
    else:
        client = _client_by_email(name=name, email=email, phone=phone)
    if sms_consent and not client.sms_consent:
        client.sms_consent = True
        client.save(update_fields=["sms_consent", "updated_at"])
    return client


def _client_by_email(*, name: str, email: str, phone: str) -> Client:
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


def _client_by_phone(*, name: str, phone: str) -> Client:
    """The client called `name` at this phone number; created (without email) when new. Safe
    under concurrency: the unique (name, phone digits) of phone-only clients decides."""
    digits = phone_digits(phone)
    if not digits or not name.strip():
        raise ValidationError({"phone": "Give an email address or a phone number."})
    same = Client.objects.filter(phone_digits=digits, name__iexact=name.strip())
    # A client with an address is the same person too (the office picked them by phone).
    client = same.order_by("-email", "pk").first()
    if client is not None:
        return client
    try:
        with transaction.atomic():
            return Client.objects.create(name=name.strip(), email="", phone=phone.strip())
    except IntegrityError:
        return same.get(email="")


def client_update_practice_notes(*, client: Client, practice_notes: str) -> Client:
    """Replace the client's private practice notes (not clinical: scheduling, preferences)."""
    client.practice_notes = practice_notes.strip()
    client.full_clean()
    client.save(update_fields=["practice_notes", "updated_at"])
    return client


def client_set_date_of_birth(*, client: Client, date_of_birth: date | None) -> Client:
    """Record (or clear) the client's date of birth: it decides a minor's retention period."""
    client.date_of_birth = date_of_birth
    client.full_clean()
    client.save(update_fields=["date_of_birth", "updated_at"])
    return client


def client_set_sms_consent(*, client: Client, sms_consent: bool) -> Client:
    """Record whether the client agrees to reminders by text message."""
    client.sms_consent = sms_consent
    client.full_clean()
    client.save(update_fields=["sms_consent", "updated_at"])
    return client


# Fields a survivor takes from the duplicate when its own are empty.
MERGE_FILLABLE = ("phone", "user")


def client_merge(*, survivor: Client, duplicate: Client, merged_by: Any) -> ClientMerge:
    """Make `duplicate` part of `survivor` in one transaction and delete it.

    Every row pointing at the duplicate (bookings, inbox messages, earlier merge records) moves to
    the survivor. The survivor keeps its own name, email and details; it takes the duplicate's
    phone and sign-in only where it has none, and the duplicate's practice notes are appended to
    its own. The fields taken are recorded in a ClientMerge row.
    """
    if survivor.pk == duplicate.pk:
        raise ValidationError("A client cannot be merged with itself.")
    with transaction.atomic():
        locked = {
            c.pk: c
            for c in Client.objects.select_for_update().filter(pk__in=[survivor.pk, duplicate.pk])
        }
        if len(locked) != 2:
            raise ValidationError("One of the two clients no longer exists.")
        survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
        taken: list[str] = []
        if not survivor.phone and duplicate.phone:
            survivor.phone = duplicate.phone
            taken.append("phone")
        duplicate_user = duplicate.user
        if survivor.user_id is None and duplicate_user is not None:
            duplicate.user = None
            duplicate.save(update_fields=["user"])
            survivor.user = duplicate_user
            taken.append("user")
        if duplicate.practice_notes:
            survivor.practice_notes = "\n\n".join(
                part for part in (survivor.practice_notes, duplicate.practice_notes) if part
            )
            taken.append("practice_notes")
        moved = 0
        for relation in Client._meta.related_objects:
            if not relation.one_to_many:  # foreign keys to Client (not the one-to-one sign-in)
                continue
            model = cast("type[models.Model]", relation.related_model)
            # Records kept as written (the apps above say so on their models): a signed clinical
            # note refuses the move, the audit trail keeps the id it recorded.
            refusal = getattr(model, "client_merge_refusal", None)
            if refusal is not None and (reason := refusal(duplicate)):
                raise ValidationError(reason)
            if getattr(model, "client_merge_keeps_history", False):
                continue
            count = model._default_manager.filter(**{relation.field.name: duplicate}).update(
                **{relation.field.name: survivor}
            )
            if model._meta.label == "bookings.Booking":
                moved = count
        survivor.full_clean()
        survivor.save()
        record = ClientMerge(
            survivor=survivor,
            merged_name=duplicate.name,
            merged_email=duplicate.email,
            fields_taken=taken,
            bookings_moved=moved,
            merged_by=merged_by if getattr(merged_by, "pk", None) else None,
        )
        record.full_clean()
        record.save()
        duplicate.delete()
    return record


def client_user_ensure(*, client: Client) -> Any | None:
    """The sign-in of `client`, created and linked when they have none yet; None when they
    cannot have one (no email address, or the address belongs to a staff account).

    Clients who booked online have a Client record and no User: the portal's sign-in by code
    calls this before allauth looks the address up, so their first code reaches them. A new
    sign-in is a client account without a usable password (they sign in by emailed code). An
    existing account with the same address is linked when it is a client's and is linked to
    no other record. Staff accounts are never linked: they sign in with a password and MFA.
    Safe under concurrency: the unique email of users and the one-to-one link decide.
    """
    if not client.email:
        return None
    User = get_user_model()
    with transaction.atomic():
        locked = Client.objects.select_for_update().filter(pk=client.pk).first()
        if locked is None:
            return None
        if locked.user_id is not None:
            client.user_id = locked.user_id
            return locked.user
        user = User.objects.filter(email__iexact=locked.email).first()
        if user is None:
            first, _, last = locked.name.strip().partition(" ")
            candidate = User(email=locked.email, role=Role.CLIENT, first_name=first[:150])
            candidate.last_name = last.strip()[:150]
            candidate.set_unusable_password()
            candidate.full_clean()
            try:
                with transaction.atomic():
                    candidate.save()
                user = candidate
            except IntegrityError:  # created meanwhile by another request
                user = User.objects.get(email__iexact=locked.email)
        if needs_mfa(user) or Client.objects.filter(user=user).exists():
            return None
        locked.user = user
        locked.full_clean()
        locked.save(update_fields=["user", "updated_at"])
        client.user = user
    return user
