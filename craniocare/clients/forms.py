"""Forms of the back office's client screens."""

from __future__ import annotations

from django import forms

from craniocare.core.fields import CleanCharField, CleanTextField


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
