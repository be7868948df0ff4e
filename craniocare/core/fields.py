"""Form fields that read input through craniocare/lib/parsing.py, so every form refuses what the
API refuses (NUL and control characters, line breaks in one-line fields, impossible phone
numbers, dates outside 2000-2100, local times the clock skips) with the same messages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from craniocare.lib.parsing import (
    InvalidInput,
    clean_text,
    parse_date,
    parse_instant,
    parse_phone,
)


class CleanCharField(forms.CharField):
    """A CharField whose text went through `clean_text`: one line unless `multiline=True`.

    Line breaks of multi-line text count once ("\\r\\n" is what browsers send for one)."""

    def __init__(self, *, multiline: bool = False, **kwargs: Any) -> None:
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        if self.multiline:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            # The length is the field's own max_length check, with the form's own message.
            return clean_text(text, max_length=len(text), multiline=self.multiline)
        except InvalidInput as invalid:
            raise ValidationError(invalid.message, code=invalid.code) from None


class CleanTextField(CleanCharField):
    """Multi-line CleanCharField (notes, messages, policies); the form class for TextFields."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("multiline", True)
        super().__init__(**kwargs)


class PhoneField(CleanCharField):
    def to_python(self, value: Any) -> str:
        try:
            return parse_phone(super().to_python(value))
        except InvalidInput as invalid:
            raise ValidationError(invalid.message, code=invalid.code) from None


class BoundedDateField(forms.DateField):
    """An ISO date (what <input type=date> sends) between 2000 and 2100."""

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            value = value.isoformat()
        try:
            return parse_date(value)
        except InvalidInput as invalid:
            raise ValidationError(invalid.message, code=invalid.code) from None


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time in the current zone (what <input type=datetime-local> sends),
    as an aware instant; a time the clock skips that day is refused, saying so."""

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            value = value.isoformat()
        try:
            return parse_instant(value, local_zone=timezone.get_current_timezone())
        except InvalidInput as invalid:
            raise ValidationError(invalid.message, code=invalid.code) from None
