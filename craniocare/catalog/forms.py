"""The service form of the office's Services screen (catalog/views.py)."""

from __future__ import annotations

from typing import Any

from django import forms

from craniocare.catalog.duration_fields import HoursMinutesField, NoticeField
from craniocare.catalog.models import ConsentKind, Service
from craniocare.core.fields import CleanCharField, CleanTextField

# The form's fieldsets, in order: (legend, field names).
GROUPS = (
    ("What it is", ("name", "slug", "summary", "description", "price")),
    (
        "Timing",
        ("duration_minutes", "buffer_before_minutes", "buffer_after_minutes", "slot_step_minutes"),
    ),
    (
        "Rules for clients",
        (
            "min_notice_minutes",
            "booking_window_days",
            "cancellation_cutoff_hours",
            "consents_required",
        ),
    ),
    ("Who offers it", ("practitioners", "active", "position")),
)


class ServiceForm(forms.ModelForm[Service]):
    """Stored as today (durations in minutes); entered in hours and minutes, notice in hours or
    days. `groups()` gives the fieldsets of the template."""

    duration_minutes = HoursMinutesField(
        label="Length",
        min_minutes=5,
        max_minutes=480,
        error_messages={
            "required": "Give the length of a session.",
            "min_value": "A session is at least 5 minutes long.",
            "max_value": "A session is at most 8 hours long.",
        },
    )
    buffer_before_minutes = HoursMinutesField(
        label="Buffer before",
        required=False,
        initial=Service._meta.get_field("buffer_before_minutes").default,
        min_minutes=0,
        max_minutes=240,
        help_text="Kept free before each session (up to 4 hours).",
        error_messages={"max_value": "A buffer is at most 4 hours."},
    )
    buffer_after_minutes = HoursMinutesField(
        label="Buffer after",
        required=False,
        initial=Service._meta.get_field("buffer_after_minutes").default,
        min_minutes=0,
        max_minutes=240,
        help_text="Kept free after each session, to rest and reset (up to 4 hours).",
        error_messages={"max_value": "A buffer is at most 4 hours."},
    )
    min_notice_minutes = NoticeField(
        label="Minimum notice",
        initial=Service._meta.get_field("min_notice_minutes").default,
        help_text="How long before its start a session can still be booked online.",
        error_messages={"required": "Give the notice, for example 12 hours or 1 day."},
    )
    consents_required = forms.MultipleChoiceField(
        label="Consents needed",
        choices=ConsentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The client signs these before the first session of this kind.",
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "slug",
            "summary",
            "description",
            "duration_minutes",
            "price",
            "buffer_before_minutes",
            "buffer_after_minutes",
            "min_notice_minutes",
            "booking_window_days",
            "slot_step_minutes",
            "cancellation_cutoff_hours",
            "consents_required",
            "practitioners",
            "active",
            "position",
        ]
        labels = {
            "slug": "Web address name",
            "price": "Price",
            "booking_window_days": "Booking window (days)",
            "slot_step_minutes": "Start times every (minutes)",
            "cancellation_cutoff_hours": "Online cancellation until (hours before)",
            "practitioners": "Offered by",
            "active": "Active (offered online)",
        }
        help_texts = {
            "slug": "Lower-case letters, digits and hyphens, e.g. craniosacral-60.",
            "booking_window_days": "How far ahead clients can book (1 to 730 days).",
            "slot_step_minutes": "30 offers 09:00, 09:30, 10:00… (5 to 240).",
        }
        error_messages = {
            "price": {"min_value": "The price cannot be negative."},
            "slot_step_minutes": {
                "min_value": "Start times can be at most every 5 minutes.",
                "max_value": "Start times need to be at least every 240 minutes.",
            },
            "booking_window_days": {
                "min_value": "The booking window is at least one day.",
                "max_value": "The booking window is at most 730 days (two years).",
            },
            "slug": {"unique": "Another service already uses this web address name."},
        }
        field_classes = {
            "name": CleanCharField,
            "summary": CleanCharField,
            "description": CleanTextField,
        }
        widgets = {
            "practitioners": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, practitioners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practitioners"].queryset = practitioners  # type: ignore[attr-defined]
        self.fields["practitioners"].required = False

    def clean_buffer_before_minutes(self) -> int:
        return self.cleaned_data.get("buffer_before_minutes") or 0

    def clean_buffer_after_minutes(self) -> int:
        return self.cleaned_data.get("buffer_after_minutes") or 0

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in GROUPS]
