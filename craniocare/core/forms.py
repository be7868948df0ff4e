"""What the public forms share: the field template they render with (templates/forms/), and
the name, email and phone fields a person fills in to book or to write to the practice, with
their cleaning rules and messages in one place."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting

from .fields import CleanCharField, PhoneField

NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
PHONE_MAX_LENGTH = 40


class TelInput(forms.TextInput):
    input_type = "tel"


class FieldTemplates(TemplatesSetting):
    """Django's form templates through the project's engine, with templates/forms/field.html
    as the markup of one field (`{{ form.name.as_field_group }}`): label, hint, error and widget,
    the error and hint tied to the widget by aria-describedby."""

    field_template_name = "forms/field.html"


class PublicForm(forms.Form):
    """A form of the public pages: its fields render through templates/forms/field.html."""

    default_renderer = FieldTemplates


class PersonFieldsForm(PublicForm):
    """Name, email and phone of the person booking or writing. A form sets its own limit on the
    name (what its model stores) and its own words for why the email and phone are asked for."""

    name_max_length: ClassVar[int] = NAME_MAX_LENGTH
    email_help_text: ClassVar[str] = ""
    email_required_message: ClassVar[str] = "Please give an email address."
    phone_help_text: ClassVar[str] = ""

    name = CleanCharField(
        label="Your name",
        error_messages={
            "required": "Please tell us your name.",
            "max_length": "Please shorten your name to %(limit_value)d characters or fewer.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "invalid": "This does not look like an email address. Please check it, "
            "for example name@example.com.",
            "max_length": "This email address is longer than email allows. Please check it.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = PhoneField(
        label="Phone (optional)",
        required=False,
        max_length=PHONE_MAX_LENGTH,
        error_messages={
            "max_length": "A phone number has between 7 and 20 digits. Please check it, "
            "or leave it empty."
        },
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # self.fields are this form's own copies (validators and messages included).
        name = self.fields["name"]
        assert isinstance(name, CleanCharField)
        name.max_length = self.name_max_length
        name.validators.append(MaxLengthValidator(self.name_max_length))
        name.widget.attrs["maxlength"] = str(self.name_max_length)
        self.fields["email"].help_text = self.email_help_text
        self.fields["email"].error_messages["required"] = self.email_required_message
        self.fields["phone"].help_text = self.phone_help_text
