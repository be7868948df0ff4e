"""Write paths for accounts (DESIGN.md rule 1)."""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.internal.flows.password_reset import get_reset_password_from_key_url
from allauth.account.utils import user_pk_to_url_str
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from craniocare.core.models import PracticeProfile

from .models import Role, User


def user_sessions_end_all(*, user: User) -> None:
    """End every session of `user`, on every device ("sign out everywhere").

    Rotating the salt changes ``user.get_session_auth_hash()``; Django's AuthenticationMiddleware
    compares it with the value stored in each session and flushes those that differ, on their
    next request. The caller signs the current request out itself.
    """
    user.session_salt = secrets.token_hex(16)
    user.save(update_fields=["session_salt"])


def staff_invite(*, email: str, first_name: str, last_name: str, role: str, request: Any) -> User:
    """Create a staff account with no usable password and email its owner a link to choose one.

    The link is allauth's password-reset link (Django's reset token: it stops working once the
    password is set). Signing in afterwards still asks them to set up two-step verification.
    """
    if role not in (Role.PRACTITIONER, Role.FRONT_DESK):
        raise ValidationError({"role": "Choose practitioner or front desk."})
    address = email.strip().lower()
    if User.objects.filter(email__iexact=address).exists():
        raise ValidationError({"email": "Someone already has an account with this address."})
    with transaction.atomic():
        user = User(
            email=address,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            role=role,
            is_staff=True,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
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
    send_mail(
        subject=f"{practice.name}: your office account",
        message=body,
        from_email=None,
        recipient_list=[address],
    )
    return user


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
