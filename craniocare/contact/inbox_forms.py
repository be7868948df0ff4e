"""Forms of the office inbox (views/inbox.py)."""

from __future__ import annotations

from django import forms

from craniocare.core.fields import CleanTextField

from .models import Status

FILTERS = (("new", "New"), ("answered", "Answered"), ("closed", "Closed"), ("all", "All"))


class ReplyForm(forms.Form):
    body = CleanTextField(
        label="Your reply",
        max_length=10000,
        help_text="Sent by email to the sender, from the practice's address.",
        widget=forms.Textarea(attrs={"rows": 7}),
        error_messages={"required": "Write the reply before sending it."},
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)


class LinkClientForm(forms.Form):
    client = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
