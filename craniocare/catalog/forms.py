"""The service form of the office's Services screen (catalog/views.py)."""

from __future__ import annotations

from typing import Any

from django import forms

from craniocare.catalog.models import ConsentKind, Service
from craniocare.core.fields import CleanCharField, CleanTextField


class ServiceForm(forms.ModelForm[Service]):
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
            "duration_minutes": "Length (minutes)",
            "price": "Price",
            "buffer_before_minutes": "Buffer before (minutes)",
            "buffer_after_minutes": "Buffer after (minutes)",
            "min_notice_minutes": "Minimum notice (minutes)",
            "booking_window_days": "Booking window (days)",
            "slot_step_minutes": "Start times every (minutes)",
            "cancellation_cutoff_hours": "Online cancellation until (hours before)",
            "practitioners": "Offered by",
            "active": "Active (offered online)",
        }
        help_texts = {
            "slug": "Lower-case letters, digits and hyphens, e.g. craniosacral-60.",
            "duration_minutes": "Between 5 and 480.",
            "buffer_before_minutes": "Kept free before each session (0 to 240).",
            "buffer_after_minutes": "Kept free after each session, to rest and reset (0 to 240).",
            "min_notice_minutes": "720 is 12 hours.",
            "booking_window_days": "How far ahead clients can book (1 to 730).",
            "slot_step_minutes": "30 offers 09:00, 09:30, 10:00… (5 to 240).",
        }
        error_messages = {
            "duration_minutes": {
                "min_value": "A session is at least 5 minutes long.",
                "max_value": "A session is at most 480 minutes (8 hours) long.",
            },
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
        for name in ("buffer_before_minutes", "buffer_after_minutes"):
            self.fields[name].error_messages["max_value"] = "A buffer is at most 240 minutes."
