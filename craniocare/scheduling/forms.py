"""Forms of the availability screen. Hours are time inputs (`<input type="time">`, a step of a
quarter hour), a few ranges a day ("From 09:00 until 12:00, from 13:00 until 17:00"); what was
typed comes back as typed when something is wrong."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.safestring import SafeString, mark_safe

from craniocare.core.fields import BoundedDateField, CleanCharField, LocalDateTimeField
from craniocare.scheduling.models import Weekday

Pair = tuple[str, str]
Intervals = list[tuple[dt.time, dt.time]]
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def _as_text(value: Any) -> str:
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return str(value or "").strip()


class TimeRangesWidget(forms.Widget):
    """Pairs of time inputs named ``<name>_<n>_start`` / ``<name>_<n>_end``; at least `slots`
    rows, more when more ranges were saved or sent. The value is a list of (start, end) texts."""

    template_name = "scheduling/widgets/time_ranges.html"

    def __init__(self, slots: int = 3, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.slots = slots

    def _render(self, template_name: str, context: Any, renderer: Any = None) -> SafeString:
        # The project's templates (not the form renderer's app-only search path) hold the markup.
        return mark_safe(loader.render_to_string(template_name, context))  # noqa: S308

    def format_value(self, value: Any) -> list[Pair]:  # type: ignore[override]
        return [(_as_text(start), _as_text(end)) for start, end in value or []]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[Pair]:
        pairs: list[Pair] = []
        for n in itertools.count():
            keys = (f"{name}_{n}_start", f"{name}_{n}_end")
            if not any(key in data for key in keys):
                return pairs
            pairs.append((str(data.get(keys[0], "")), str(data.get(keys[1], ""))))
        return pairs  # pragma: no cover (itertools.count never ends)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(str(key).startswith(f"{name}_") for key in data)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0_start" if id_ else id_

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        pairs = list(context["widget"]["value"] or [])
        pairs += [("", "")] * max(0, self.slots - len(pairs))
        base = context["widget"]["attrs"].get("id") or f"id_{name}"
        described = context["widget"]["attrs"].get("aria-describedby", "")
        context["widget"]["rows"] = [
            {
                "start": start,
                "end": end,
                "start_name": f"{name}_{n}_start",
                "end_name": f"{name}_{n}_end",
                "start_id": f"{base}_{n}_start",
                "end_id": f"{base}_{n}_end",
                "ordinal": ORDINALS[n] if n < len(ORDINALS) else f"range {n + 1}",
            }
            for n, (start, end) in enumerate(pairs)
        ]
        context["widget"]["described_by"] = described
        context["widget"]["attrs"]["aria_invalid"] = context["widget"]["attrs"].get("aria-invalid")
        return context


class TimeRangesField(forms.Field):
    """Working-time ranges of one day: empty rows are skipped, a row needs both ends."""

    widget = TimeRangesWidget

    def __init__(self, *, slots: int = 3, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", TimeRangesWidget(slots=slots))
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"data_label": self.label or ""}

    def to_python(self, value: Any) -> Intervals:
        intervals = []
        for start_text, end_text in value or []:
            start_text, end_text = start_text.strip(), end_text.strip()
            if not start_text and not end_text:
                continue
            if not start_text or not end_text:
                raise ValidationError("Give both a start and an end time, or clear both.")
            start, end = _parse_time(start_text), _parse_time(end_text)
            if end <= start:
                raise ValidationError(
                    f"The range from {start_text} until {end_text} ends before it starts."
                )
            intervals.append((start, end))
        intervals.sort()
        for (_, end), (start, _) in itertools.pairwise(intervals):
            if start < end:
                raise ValidationError("Two of these ranges overlap: join them into one.")
        return intervals


def _parse_time(text: str) -> dt.time:
    try:
        moment = dt.time.fromisoformat(text)
    except ValueError as error:
        raise ValidationError(f"“{text}” is not a time: write it like 09:00.") from error
    return moment.replace(second=0, microsecond=0)


class WeeklyHoursForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day in Weekday:
            self.fields[f"day_{day.value}"] = TimeRangesField(label=day.label)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(
            field.widget.value_omitted_from_data(self.data, self.files, self.add_prefix(name))
            for name, field in self.fields.items()
        ):
            raise ValidationError("No hours were sent; nothing was changed.")
        return data

    def weekly(self) -> dict[int, Intervals]:
        return {day.value: self.cleaned_data[f"day_{day.value}"] for day in Weekday}


class DateOverrideForm(forms.Form):
    date = BoundedDateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    closed = forms.BooleanField(label="Closed all day", required=False)
    hours = TimeRangesField(
        label="Hours that day", slots=2, help_text="Or tick “Closed all day” and leave these empty."
    )
    note = CleanCharField(label="Note", required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("closed") and data.get("hours"):
            self.add_error(
                "closed",
                "A day cannot be closed and have hours: untick “Closed all day” to work the "
                "hours below, or clear the hours to close that day.",
            )
        elif not data.get("closed") and "hours" in data and not data["hours"]:
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
