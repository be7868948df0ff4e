"""Forms of the availability screen. Hours are typed as text ("09:00-12:00, 13:00-17:00"), which
works without JavaScript and allows any number of intervals a day."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from craniocare.core.fields import (
    BoundedDateField,
    CleanCharField,
    CleanTextField,
    LocalDateTimeField,
)
from craniocare.scheduling.models import Weekday

RANGE = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*[-\u2013]\s*(\d{1,2})(?::(\d{2}))?\s*$")
HOURS_HELP = "Like 09:00-12:00, 13:00-17:00. Leave empty for a day off."


def _time(hours: str, minutes: str | None, text: str) -> dt.time:
    try:
        return dt.time(int(hours), int(minutes or 0))
    except ValueError as error:
        raise ValidationError(f"“{text.strip()}” has a time that does not exist.") from error


def parse_intervals(text: str) -> list[tuple[dt.time, dt.time]]:
    """ "09:00-12:00, 13:00-17:00" -> [(09:00, 12:00), (13:00, 17:00)], with errors that say
    what is wrong and how to write it."""
    intervals = []
    for part in filter(None, (p.strip() for p in re.split(r"[,;\n]", text))):
        match = RANGE.match(part)
        if match is None:
            raise ValidationError(f"“{part}” is not a time range: write it like 09:00-12:00.")
        start = _time(match[1], match[2], part)
        end = _time(match[3], match[4], part)
        if end <= start:
            raise ValidationError(f"“{part}” ends before it starts.")
        intervals.append((start, end))
    intervals.sort()
    for (_, end), (start, _) in itertools.pairwise(intervals):
        if start < end:
            raise ValidationError("Two of these ranges overlap; join them into one.")
    return intervals


class IntervalsField(CleanTextField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[tuple[dt.time, dt.time]]:
        return parse_intervals(super().clean(value) or "")


def format_intervals(intervals: list[tuple[dt.time, dt.time]]) -> str:
    return ", ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in intervals)


class WeeklyHoursForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day in Weekday:
            self.fields[f"day_{day.value}"] = IntervalsField(label=day.label)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(name in self.data for name in self.fields):
            raise ValidationError("No hours were sent; nothing was changed.")
        return data

    def weekly(self) -> dict[int, list[tuple[dt.time, dt.time]]]:
        return {day.value: self.cleaned_data[f"day_{day.value}"] for day in Weekday}


class DateOverrideForm(forms.Form):
    date = BoundedDateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    closed = forms.BooleanField(label="Closed all day", required=False)
    hours = IntervalsField(label="Hours that day", help_text="Like 10:00-14:00.")
    note = CleanCharField(label="Note", required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("closed") and "hours" in data and not data["hours"]:
            self.add_error("hours", "Give the hours of that day, or tick “Closed all day”.")
        return data


class TimeOffForm(forms.Form):
    start = LocalDateTimeField(
        label="From", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    end = LocalDateTimeField(
        label="Until", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = CleanCharField(label="Reason (private)", required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", "The end must be after the start.")
        return data


class DeleteForm(forms.Form):
    id = forms.IntegerField(min_value=1)


class HolidayForm(forms.Form):
    """The "Open this day" / "Close again" button of one public holiday."""

    date = forms.DateField()
    open = forms.TypedChoiceField(
        choices=[("1", "open"), ("0", "close")], coerce=lambda v: v == "1"
    )
