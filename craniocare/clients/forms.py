"""Forms of the back office's client screens."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from craniocare.core.fields import BoundedDateField, CleanCharField, CleanTextField
from craniocare.lib.parsing import InvalidInput, parse_date

EARLIEST_BIRTH = date(1900, 1, 1)


class ClientSearchForm(forms.Form):
    q = CleanCharField(
        label="Search clients",
        required=False,
        max_length=200,
        help_text="Part of a name, an email address or a phone number.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class PracticeNotesForm(forms.Form):
    practice_notes = CleanTextField(
        label="Private notes",
        required=False,
        max_length=5000,
        help_text="Private to the practice: scheduling, preferences, how to reach them. "
        "Nothing clinical here.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MergeForm(forms.Form):
    other = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    confirm = forms.BooleanField(
        label="I have checked: these two records are the same person.",
        error_messages={"required": "Tick the box to confirm these are the same person."},
    )


class SmsConsentForm(forms.Form):
    sms_consent = forms.BooleanField(
        label="Agrees to reminders by text message",
        required=False,
        help_text="Tick only when the client has said yes. Texts need a phone number too.",
    )


class BirthDateField(BoundedDateField):
    """A date of birth: the bounded parser, from 1900 to today."""

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            value = value.isoformat()
        try:
            return parse_date(value, earliest=EARLIEST_BIRTH, latest=timezone.localdate())
        except InvalidInput as invalid:
            raise ValidationError(invalid.message, code=invalid.code) from None


class DateOfBirthForm(forms.Form):
    date_of_birth = BirthDateField(
        label="Date of birth",
        required=False,
        help_text="Optional. For a minor, it sets how long the record is kept.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
