"""Forms: one section of an intake template as a Django form (built from its questions, every
field reading input through the bounded parsers of core/fields.py), the consent signature, a
withdrawal, the office's template editor and a new version of a consent text."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django import forms

from craniocare.core.fields import (
    BoundedDateField,
    CleanCharField,
    CleanTextField,
    LocalDateTimeField,
    PhoneField,
)
from craniocare.core.forms import PublicForm, TelInput

from .answers import is_asked
from .consent_texts import CONSENT_BODY_MAX, CONSENT_TITLE_MAX
from .definition import LONGTEXT_MAX, TEXT_MAX, DefinitionError, Question, Section, parse_definition

YES_NO = [("yes", "Yes"), ("no", "No")]
SCALE = [(n, str(n)) for n in range(11)]
REQUIRED = "Please answer this question."


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value: Any) -> str | None:
        return value.isoformat() if hasattr(value, "isoformat") else value


def field_for(question: Question) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help,
        "required": False,  # required-ness is checked in clean(): follow-ups and drafts
        "error_messages": {"required": REQUIRED},
    }
    kind = question.type
    if kind == "text":
        return CleanCharField(max_length=TEXT_MAX, **common)
    if kind == "longtext":
        return CleanTextField(
            max_length=LONGTEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}), **common
        )
    if kind == "yesno":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if kind == "choice":
        return forms.ChoiceField(
            choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common
        )
    if kind == "multichoice":
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in question.choices],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == "scale":
        return forms.TypedChoiceField(
            choices=SCALE,
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect(attrs={"class": "scale"}),
            **common,
        )
    if kind == "date":
        return BoundedDateField(widget=DateInput(), **common)
    if kind == "phone":
        return PhoneField(max_length=40, widget=TelInput(attrs={"autocomplete": "off"}), **common)
    raise ValueError(kind)


class SectionForm(PublicForm):
    """The questions of one section. ``complete=False`` (save and come back later) accepts
    empty required answers; the format of what is typed is checked either way."""

    def __init__(self, *args: Any, section: Section, complete: bool = True, **kwargs: Any) -> None:
        kwargs["initial"] = kwargs.pop("answers", None) or {}
        super().__init__(*args, **kwargs)
        self.section = section
        self.complete = complete
        for question in section.questions:
            self.fields[question.key] = field_for(question)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.complete:
            for question in self.section.questions:
                if (
                    question.required
                    and question.key not in self.errors
                    and is_asked(question, data)
                    and data.get(question.key) in (None, "", [])
                ):
                    self.add_error(question.key, REQUIRED)
        return data

    def answers(self) -> dict[str, Any]:
        """The cleaned answers in the shape intake_save stores."""
        out: dict[str, Any] = {}
        for question in self.section.questions:
            value: Any = self.cleaned_data.get(question.key)
            if isinstance(value, date):
                value = value.isoformat()
            out[question.key] = value
        return out

    def groups(self) -> list[tuple[Any, list[Any]]]:
        """(question's bound field, follow-up bound fields) in order, for the template: a
        yes/no question with its ``show_if`` follow-ups is one group."""
        groups: list[tuple[Any, list[Any]]] = []
        index: dict[str, int] = {}
        for question in self.section.questions:
            bound = self[question.key]
            if question.show_if and next(iter(question.show_if)) in index:
                groups[index[next(iter(question.show_if))]][1].append(bound)
            else:
                index[question.key] = len(groups)
                groups.append((bound, []))
        return groups


class ConsentForm(PublicForm):
    full_name = CleanCharField(
        label="Your full name",
        max_length=200,
        error_messages={"required": "Please type your full name."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    signature_text = CleanCharField(
        label="Signature: type your name again",
        max_length=200,
        required=False,
        help_text="Typing your name here is your signature. You can also draw it below.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "signature-typed"}),
    )
    signature_path = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20_000)
    agree = forms.BooleanField(
        label="I have read this consent and I agree to it.",
        error_messages={"required": "Please tick the box to say you agree, or leave this page."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unsigned = not data.get("signature_text") and not data.get("signature_path")
        if unsigned and "signature_text" not in self.errors:
            self.add_error(
                "signature_text", "Please sign by typing your name (or draw your signature)."
            )
        return data


class WithdrawForm(forms.Form):
    reason = CleanTextField(
        label="What the client said",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    withdrawn_at = LocalDateTimeField(
        label="When (leave empty for now)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="During a session, the time the client said so.",
    )


class TemplateForm(forms.Form):
    name = CleanCharField(label="Form name", max_length=120)
    definition = forms.CharField(
        label="Questions (JSON)",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false", "class": "code"}),
        max_length=200_000,
        help_text="Sections and questions. Publishing makes a new version: answers already "
        "given keep the version they were given on.",
    )

    def clean_definition(self) -> dict[str, Any]:
        text = self.cleaned_data["definition"]
        try:
            raw = json.loads(text)
        except ValueError as error:
            raise forms.ValidationError(f"This is not valid JSON: {error}.") from None
        try:
            parse_definition(raw)
        except DefinitionError as error:
            raise forms.ValidationError(str(error)) from None
        return dict(raw)


class ConsentTextForm(forms.Form):
    """A new version of a consent text. The bounds are those of consent_texts.py, which the
    write path applies again."""

    title = CleanCharField(
        label="Title",
        max_length=CONSENT_TITLE_MAX,
        error_messages={"required": "Please give the consent a title."},
    )
    body = CleanTextField(
        label="Text (Markdown)",
        max_length=CONSENT_BODY_MAX,
        error_messages={"required": "Please write the text the client will read and sign."},
        widget=forms.Textarea(attrs={"rows": 22}),
        help_text="Headings start with ##, lists with a dash. The client reads exactly this.",
    )
    renewal_required = forms.BooleanField(
        label="Clients who signed an earlier version must sign again",
        required=False,
        help_text="Leave this unticked for a correction that changes nothing the client agreed "
        "to: their earlier consent then still counts.",
    )
    after_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
