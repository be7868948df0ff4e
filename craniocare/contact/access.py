"""Access getters for contact-form messages (the rules: craniocare.accounts.access)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from craniocare.accounts.permissions import is_staff_member

from .models import ContactMessage


def contact_messages_for(user: Any) -> Any:
    """Contact-form messages in the office inbox: every staff member answers them."""
    if not is_staff_member(user):
        return ContactMessage.objects.none()
    return ContactMessage.objects.all()


def get_contact_message_for(user: Any, pk: int) -> ContactMessage:
    return get_object_or_404(contact_messages_for(user), pk=pk)
