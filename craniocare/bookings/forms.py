"""The forms of the public booking pages: the visitor's details (step 3, checked again when they
confirm) and the reason they may give when cancelling. What they chose (service, zone, time) is
read by choices.py."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings

from craniocare.core.fields import CleanCharField
from craniocare.core.forms import PersonFieldsForm, PublicForm
from craniocare.core.models import PracticeProfile

from .requests import ClientDetails

NOTES_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000
IDEMPOTENCY_KEY = re.compile(r"web-[A-Za-z0-9_-]{16,64}")

FIRST_VISIT_CHOICES = [("yes", "Yes, this is my first visit"), ("no", "No, I have been before")]


class DetailsForm(PersonFieldsForm):
    """The visitor's details: step 3 of the booking, re-checked when they confirm."""

    email_help_text = "Your confirmation and the link to manage your booking go here."
    email_required_message = "Please give an email address so we can send your confirmation."
    phone_help_text = "Only used if we need to reach you about this session."

    # Offered only while the practice sends reminders by text (see __init__).
    sms_consent = forms.BooleanField(
        label="Text me reminders before my sessions (optional)",
        required=False,
        help_text="To the phone number above. You can ask us to stop at any time.",
    )
    first_visit = forms.ChoiceField(
        label="Is this your first visit?",
        choices=FIRST_VISIT_CHOICES,
        error_messages={
            "required": "Please tell us whether you have been here before.",
            "invalid_choice": "Please choose one of the options.",
        },
        widget=forms.RadioSelect,
    )
    notes = CleanCharField(
        multiline=True,
        label="Anything the practitioner should know? (optional)",
        required=False,
        max_length=NOTES_MAX_LENGTH,
        help_text="For example what brings you, or anything that would make the session easier. "
        "Only the practitioner reads this.",
        error_messages={
            "max_length": "Please keep this to %(limit_value)d characters or fewer "
            "(it has %(show_value)d). You can tell us the rest in person.",
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    FIELDS = ("name", "email", "phone", "sms_consent", "first_visit", "notes")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not texts_offered():
            del self.fields["sms_consent"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sms_consent") and not data.get("phone") and "phone" not in self.errors:
            self.add_error(
                "sms_consent",
                "Please give a phone number for text reminders, or leave this box unticked.",
            )
        return data

    def client_details(self) -> ClientDetails:
        data = self.cleaned_data
        return ClientDetails(
            name=data["name"],
            email=data["email"],
            phone=data["phone"] or "",
            sms_consent=bool(data.get("sms_consent")),
        )

    @property
    def is_first_visit(self) -> bool:
        return self.cleaned_data["first_visit"] == "yes"

    def error_summary(self) -> list[tuple[str, str]]:
        """(element id, message) for every error, to link from the summary at the top."""
        items: list[tuple[str, str]] = [("", str(error)) for error in self.non_field_errors()]
        for bound in self:
            if bound.errors:
                target = f"{bound.auto_id}_0" if bound.name == "first_visit" else bound.auto_id
                items.extend((target, str(error)) for error in bound.errors)
        return items

    def add_service_errors(self, message_dict: dict[str, list[str]]) -> None:
        """Errors from `booking_create`'s own checks, on the matching fields."""
        for field, messages in message_dict.items():
            self.add_error(field if field in self.fields else None, messages)


def texts_offered() -> bool:
    """Whether the practice sends reminders by text: the installation allows texts
    (SMS_ENABLED) and the practice switched them on in Settings."""
    return bool(settings.SMS_ENABLED) and PracticeProfile.load().sms_reminders


def carried_details(data: Any) -> list[tuple[str, str]]:
    """The details as typed (not yet checked), to carry through hidden fields."""
    return [(name, str(data.get(name, ""))[:NOTES_MAX_LENGTH]) for name in DetailsForm.FIELDS]


class CancelForm(PublicForm):
    reason = CleanCharField(
        multiline=True,
        label="Would you like to tell us why? (optional)",
        required=False,
        max_length=REASON_MAX_LENGTH,
        error_messages={
            "max_length": "Please keep this to %(limit_value)d characters or fewer.",
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
