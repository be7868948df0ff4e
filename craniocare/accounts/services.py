"""Write paths for accounts (DESIGN.md rule 1)."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.internal.flows.password_reset import get_reset_password_from_key_url
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from craniocare.core.models import PracticeProfile
from craniocare.outbox.models import Message
from craniocare.outbox.services import messages_cancel_keyed, outbox_enqueue

from .models import Role, User

INVITATION_KIND = "staff_invitation"


def user_sessions_end_all(*, user: User) -> None:
    """End every session of `user`, on every device ("sign out everywhere").

    Rotating the salt changes ``user.get_session_auth_hash()``; Django's AuthenticationMiddleware
    compares it with the value stored in each session and flushes those that differ, on their
    next request. The caller signs the current request out itself.
    """
    user.session_salt = secrets.token_hex(16)
    user.save(update_fields=["session_salt"])


@dataclass(frozen=True)
class Invitation:
    user: User
    email: Message | None  # the invitation email's outbox row
    again: bool  # True: this address had been invited before and never signed in


def staff_invite(
    *, email: str, first_name: str, last_name: str, role: str, request: Any
) -> Invitation:
    """Create a staff account with no usable password and email its owner a link to choose one.

    The link is allauth's password-reset link (Django's reset token: it stops working once the
    password is set, or after PASSWORD_RESET_TIMEOUT). Signing in afterwards still asks them to
    set up two-step verification. Inviting an address that was invited and never signed in
    again updates the name and role and sends a fresh link. The account and its invitation email
    (an outbox row, sent by the worker with retries) are written in one transaction, so the
    mail server's state never reaches the practitioner's request.
    """
    if role not in (Role.PRACTITIONER, Role.FRONT_DESK):
        raise ValidationError({"role": "Choose practitioner or front desk."})
    address = email.strip().lower()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=address).first()
        again = user is not None
        if user is None:
            user = User(email=address, is_staff=True)
            user.set_unusable_password()
        elif not user.awaits_first_sign_in:
            raise ValidationError({"email": "Someone already has an account with this address."})
        user.first_name = first_name.strip()
        user.last_name = last_name.strip()
        user.role = role
        user.full_clean()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as taken:  # the same address invited at the same moment
            raise ValidationError(
                {"email": "Someone already has an account with this address."}
            ) from taken
        queued = staff_invitation_send(user=user, request=request)
    return Invitation(user=user, email=queued, again=again)


def _invitation_key_prefix(user: User) -> str:
    return f"{INVITATION_KIND}:{user.pk}:"


def staff_invitation_send(*, user: User, request: Any) -> Message | None:
    """Queue the email with `user`'s link to choose their password; returns its outbox row.

    An earlier invitation to them that is still waiting in the outbox is cancelled, so that
    they get one email with the newest link (an older link they already have keeps working
    until the password is chosen).
    """
    if not user.awaits_first_sign_in:
        raise ValidationError(
            f"{user.email} has already chosen a password; they can reset it from the "
            "sign-in page if they need to."
        )
    with transaction.atomic():
        messages_cancel_keyed(key_prefix=_invitation_key_prefix(user))
        return outbox_enqueue(
            invitation_email(user=user, request=request),
            kind=INVITATION_KIND,
            key=_invitation_key_prefix(user) + uuid.uuid4().hex,
        )


def invitation_email(*, user: User, request: Any) -> EmailMessage:
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    practice = PracticeProfile.load()
    body = render_to_string(
        "emails/staff_invite.txt",
        {
            "user": user,
            "practice": practice,
            "url": get_reset_password_from_key_url(request, key),
        },
    )
    return EmailMessage(
        subject=f"{practice.name}: your office account",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def staff_update(*, actor: User, member: User, role: str, active: bool) -> User:
    """Change a staff member's role or switch their account off (which ends their sessions).

    The practice always keeps an active practitioner, and nobody demotes or switches off
    themselves here (that would lock them out mid-click).
    """
    if role not in (Role.PRACTITIONER, Role.FRONT_DESK):
        raise ValidationError({"role": "Choose practitioner or front desk."})
    if member.pk == actor.pk and (role != member.role or not active):
        raise ValidationError("You cannot change your own role or switch off your own account.")
    with transaction.atomic():
        others = User.objects.select_for_update().filter(
            is_staff=True, is_active=True, role=Role.PRACTITIONER
        )
        staying = others.exclude(pk=member.pk).exists()
        if not staying and (role != Role.PRACTITIONER or not active):
            raise ValidationError("The practice needs at least one active practitioner.")
        switched_off = member.is_active and not active
        member.role = role
        member.is_active = active
        member.full_clean()
        member.save(update_fields=["role", "is_active"])
        if switched_off:
            user_sessions_end_all(user=member)
    return member
