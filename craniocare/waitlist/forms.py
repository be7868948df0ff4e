"""The public form to join the waitlist, and the office's "offer a time" form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from craniocare.catalog.models import Service
from craniocare.core.fields import BoundedDateField
from craniocare.core.forms import PersonFieldsForm
from craniocare.lib.parsing import InvalidInput, parse_instant
from craniocare.scheduling.models import Practitioner

from .models import Entry, TimeOfDay


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


_TIME_INVALID = "Please give a time as hours and minutes, for example 16:30."


class JoinForm(PersonFieldsForm):
    """Which session, which dates and times of day, and who to tell. The dates' bounds (not in
    the past, within the booking window) are checked by `entry_join`, whose errors land on
    these fields."""

    name_max_length = Entry._meta.get_field("name").max_length or 0
    email_help_text = "We email you when a time opens up, and for nothing else."
    email_required_message = "Please give us an email address, so we can tell you about a time."
    phone_help_text = "Only if you would like us to be able to call you."

    practitioner = forms.ChoiceField(label="With", required=False)
    first_day = BoundedDateField(
        label="From",
        widget=DateInput(),
        error_messages={"required": "Please give the first date that would suit you."},
    )
    last_day = BoundedDateField(
        label="Until",
        widget=DateInput(),
        error_messages={"required": "Please give the last date that would suit you."},
    )
    parts_of_day = forms.MultipleChoiceField(
        label="Times of day that suit you",
        help_text="Choose any that suit you, or give your own times below.",
        required=False,
        choices=TimeOfDay.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please choose from the times of day listed."},
    )
    window_start = forms.TimeField(
        label="Or your own times: earliest start (optional)",
        required=False,
        widget=TimeInput(),
        error_messages={"invalid": _TIME_INVALID},
    )
    window_end = forms.TimeField(
        label="Latest start (optional)",
        required=False,
        widget=TimeInput(),
        error_messages={"invalid": _TIME_INVALID},
    )

    field_order = [
        "practitioner",
        "first_day",
        "last_day",
        "parts_of_day",
        "window_start",
        "window_end",
        "name",
        "email",
        "phone",
    ]

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        self.people = {p.slug: p for p in Practitioner.objects.offering(service)}
        field = self.fields["practitioner"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Anyone who offers this session")] + [
            (slug, person.display_name) for slug, person in self.people.items()
        ]
        if len(self.people) < 2:
            field.widget = forms.HiddenInput()

    def clean_practitioner(self) -> Practitioner | None:
        slug = self.cleaned_data.get("practitioner") or ""
        return self.people.get(slug)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "service": self.service,
            "practitioner": data["practitioner"],
            "first_day": data["first_day"],
            "last_day": data["last_day"],
            "parts_of_day": list(data["parts_of_day"]),
            "window_start": data["window_start"],
            "window_end": data["window_end"],
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"],
        }

    def add_service_errors(self, invalid: ValidationError) -> None:
        if hasattr(invalid, "error_dict"):
            for field, messages in invalid.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, invalid.messages)

    def error_summary(self) -> list[tuple[str, str]]:
        items: list[tuple[str, str]] = [("", str(error)) for error in self.non_field_errors()]
        for bound in self:
            if bound.errors:
                target = f"{bound.auto_id}_0" if bound.name == "parts_of_day" else bound.auto_id
                items.extend((target, str(error)) for error in bound.errors)
        return items


def read_offered_time(value: object) -> tuple[datetime, int] | None:
    """The office's pick, "<ISO start>|<practitioner id>", or None when it is not one."""
    text = str(value or "")
    start_text, _, person = text.partition("|")
    if not person.isdigit() or len(person) > 12:
        return None
    try:
        return parse_instant(start_text), int(person)
    except InvalidInput:
        return None


__all__ = ["JoinForm", "read_offered_time"]
