"""The form field for reminder times, used by the office's Settings page."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

from craniocare.core.fields import CleanCharField
from craniocare.core.models import (
    REMINDER_OFFSET_MAX_HOURS,
    REMINDER_OFFSET_MIN_HOURS,
    REMINDER_OFFSETS_MAX_COUNT,
    validate_reminder_offsets,
)

_SEPARATORS = re.compile(r"[,;\s]+")
_HOURS = re.compile(r"\d{1,4}")

OFFSETS_HELP = (
    f"Hours before each session, separated by commas, for example 48, 2. At most "
    f"{REMINDER_OFFSETS_MAX_COUNT}, each from {REMINDER_OFFSET_MIN_HOURS} to "
    f"{REMINDER_OFFSET_MAX_HOURS} hours (two weeks). Leave empty to send no reminders."
)


def offsets_as_text(value: Any) -> str:
    """[48, 2] -> "48, 2" (what the field shows)."""
    if isinstance(value, list | tuple):
        return ", ".join(str(hours) for hours in value)
    return "" if value is None else str(value)


class ReminderOffsetsField(CleanCharField):
    """ "48, 2" -> [48, 2]: whole hours, largest first, within the bounds of
    core.models.validate_reminder_offsets (whose messages it shows)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", OFFSETS_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> str:
        return offsets_as_text(value)

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        text = super().to_python(offsets_as_text(value) if isinstance(value, list) else value)
        if len(text) > 60:
            raise ValidationError("Please keep this to a few numbers, for example 48, 2.")
        parts = [part for part in _SEPARATORS.split(text) if part]
        if not all(_HOURS.fullmatch(part) for part in parts):
            raise ValidationError(
                "Give the reminder times as whole hours separated by commas, for example 48, 2.",
                code="invalid",
            )
        return sorted((int(part) for part in parts), reverse=True)

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        validate_reminder_offsets(value)

    def run_validators(self, value: Any) -> None:
        # CharField's max-length validators measure text; the typed text was measured already.
        return None

    def has_changed(self, initial: Any, data: Any) -> bool:
        return offsets_as_text(initial) != offsets_as_text(data)
