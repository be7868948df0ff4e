"""Forms of the office's Settings screen (settings_views.py says why it is the shell's)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from craniocare.accounts.models import Role
from craniocare.catalog.duration_fields import NoticeField
from craniocare.core.fields import CleanCharField, CleanTextField, PhoneField
from craniocare.core.models import PracticeProfile
from craniocare.lib.holidays import region_choices
from craniocare.notifications.forms import ReminderOffsetsField, offsets_as_text

IDENTITY_FIELDS = [
    "name",
    "tagline",
    "practitioner_name",
    "practitioner_title",
    "email",
    "phone",
    "street_address",
    "locality",
    "region",
    "postal_code",
    "country",
    "time_zone",
]
POLICY_FIELDS = ["cancellation_policy", "holiday_region", "default_notice_minutes", "reply_time"]
REMINDER_FIELDS = ["reminder_offsets_hours", "sms_reminders"]


class PracticeForm(forms.ModelForm[PracticeProfile]):
    # Entered as "12 hours" or "1 day", stored in minutes (the Services form's field).
    default_notice_minutes = NoticeField(
        label="Default minimum notice",
        help_text="How far ahead, at least, a new service can be booked online.",
        error_messages={"required": "Give the notice, for example 12 hours or 1 day."},
    )
    holiday_region = forms.ChoiceField(
        label="Public holidays",
        choices=region_choices,
        help_text=(
            "The region whose public holidays are closed for online booking. You can open any "
            "of them again in Availability."
        ),
    )
    reminder_offsets_hours = ReminderOffsetsField(label="Remind clients (hours before)")
    sms_reminders = forms.BooleanField(
        label="Also remind by text message",
        required=False,
        help_text="Only clients who gave a phone number and agreed to texts get them.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Shown (and posted back) as "48, 2", not as a JSON list.
        self.initial["reminder_offsets_hours"] = offsets_as_text(
            self.initial.get("reminder_offsets_hours")
        )
        if not settings.SMS_ENABLED:
            self.fields["sms_reminders"].help_text = (
                "Text messages are switched off for this installation (SMS_ENABLED): until "
                "they are switched on, reminders go by email only."
            )

    class Meta:
        model = PracticeProfile
        fields = IDENTITY_FIELDS + POLICY_FIELDS + REMINDER_FIELDS
        labels = {
            "name": "Practice name",
            "email": "Practice email",
        }
        # Every text field read through lib/parsing.py: one-line fields refuse line breaks.
        field_classes = {
            **{
                name: CleanCharField
                for name in IDENTITY_FIELDS + POLICY_FIELDS
                if name not in ("email", "phone", "default_notice_minutes", "cancellation_policy")
            },
            "phone": PhoneField,
            "cancellation_policy": CleanTextField,
        }
        widgets = {"cancellation_policy": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "cancellation_policy": (
                "Shown with the online cancellation cutoff on the services page, when clients "
                "book, on their booking page and in booking emails, e.g. what a late "
                "cancellation costs."
            )
        }


class InviteForm(forms.Form):
    """Shown beside PracticeForm, which also has an "email": its own ids keep labels apart."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "invite_%s")
        super().__init__(*args, **kwargs)

    email = forms.EmailField(label="Email")
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    role = forms.ChoiceField(
        label="Role",
        choices=[
            (Role.FRONT_DESK.value, Role.FRONT_DESK.label),
            (Role.PRACTITIONER.value, Role.PRACTITIONER.label),
        ],
        help_text="Front desk sees schedules, contact details and the inbox; never clinical notes.",
    )
