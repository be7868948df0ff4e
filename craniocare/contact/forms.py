from __future__ import annotations

from typing import Any

from django import forms

from craniocare.core.fields import CleanCharField
from craniocare.core.forms import PersonFieldsForm

from .models import ContactMessage, Topic

MESSAGE_MIN_LENGTH = 10
MESSAGE_MAX_LENGTH = 5000


class ContactForm(PersonFieldsForm):
    """The public contact form. `website` is a honeypot: people never see it, bots fill it in."""

    HONEYPOT = "website"

    name_max_length = ContactMessage._meta.get_field("name").max_length or 0
    email_help_text = "We reply by email, and use it for nothing else."
    email_required_message = "Please give us an email address so we can reply."
    phone_help_text = "Only if you would like us to call you back."

    topic = forms.ChoiceField(
        label="What is your message about?",
        choices=Topic.choices,
        initial=Topic.QUESTION,
        error_messages={
            "required": "Please choose what your message is about.",
            "invalid_choice": "Please choose one of the options.",
        },
        widget=forms.RadioSelect,
    )
    message = CleanCharField(
        multiline=True,
        label="Your message",
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        help_text="A few sentences are plenty. Please keep detailed health information for "
        "when we talk; email is not the most private place for it.",
        error_messages={
            "required": "Please write your message.",
            "min_length": "Please write a little more (at least %(limit_value)d characters) "
            "so we can help.",
            "max_length": "Please keep your message to %(limit_value)d characters or fewer "
            "(it has %(show_value)d). You are welcome to send the rest separately.",
        },
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    consent = forms.BooleanField(
        label="You may contact me about my message",
        error_messages={"required": "Please tick this box so that we may reply to you."},
    )
    website = CleanCharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        template_name="forms/honeypot.html",
    )

    @classmethod
    def for_topic(cls, topic: str | None) -> ContactForm:
        """An empty form with `topic` chosen when it is one we know (?topic=booking)."""
        return cls(initial={"topic": topic} if topic in Topic.values else None)

    def caught_in_honeypot(self) -> bool:
        """True when the hidden `website` field was filled in: a bot, not a person."""
        return bool(str(self.data.get(self.HONEYPOT, "")).strip())

    def error_summary(self) -> list[tuple[str, str]]:
        """(element id, message) for every error, in field order, to link from the summary."""
        items: list[tuple[str, str]] = [("", str(error)) for error in self.non_field_errors()]
        for bound in self:
            if not bound.errors or bound.name == self.HONEYPOT:
                continue
            target = f"{bound.auto_id}_0" if bound.name == "topic" else bound.id_for_label
            items.extend((target, str(error)) for error in bound.errors)
        return items

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"],
            "topic": data["topic"],
            "message": data["message"],
            "consent": data["consent"],
        }
