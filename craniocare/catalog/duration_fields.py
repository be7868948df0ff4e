"""Form fields that take a duration in the units a person thinks in and clean it to the whole
minutes the Service model stores: "1 hour 30 minutes" -> 90, "2 days" -> 2880.

The widgets render from the project's templates (templates/catalog/widgets/), each part a
number input (or a unit select) wrapped in its own label ("hours", "minutes").
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.safestring import SafeString, mark_safe

MINUTE, HOUR, DAY = 1, 60, 24 * 60
UNITS = [("minutes", "minutes"), ("hours", "hours"), ("days", "days")]
UNIT_MINUTES = {"minutes": MINUTE, "hours": HOUR, "days": DAY}


class _ProjectTemplateWidget(forms.MultiWidget):
    template_name = "catalog/widgets/duration.html"
    units: tuple[str, ...] = ()
    legend = ""  # the field's label, set by the field; names the inputs without a visible label

    def _render(self, template_name: str, context: Any, renderer: Any = None) -> SafeString:
        return mark_safe(loader.render_to_string(template_name, context))  # noqa: S308

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for part, unit in zip(context["widget"]["subwidgets"], self.units, strict=False):
            part["unit"] = unit
            part["hidden_label"] = isinstance(self, AmountUnitWidget)
        context["widget"]["legend"] = self.legend
        return context


class HoursMinutesWidget(_ProjectTemplateWidget):
    units = ("hours", "minutes")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        number = {"inputmode": "numeric", "min": "0", "class": "duration-number"}
        super().__init__(
            {
                "hours": forms.NumberInput(attrs=number | {"max": "8"}),
                "minutes": forms.NumberInput(attrs=number | {"max": "59", "step": "5"}),
            },
            attrs,
        )

    def decompress(self, value: Any) -> list[Any]:
        if value in (None, ""):
            return [None, None]
        return [int(value) // HOUR, int(value) % HOUR]


class AmountUnitWidget(_ProjectTemplateWidget):
    units = ("how many", "unit")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {
                "amount": forms.NumberInput(
                    attrs={"inputmode": "numeric", "min": "0", "class": "duration-number"}
                ),
                "unit": forms.Select(choices=UNITS),
            },
            attrs,
        )

    def decompress(self, value: Any) -> list[Any]:
        if value in (None, ""):
            return [None, "hours"]
        minutes = int(value)
        for unit in ("days", "hours"):
            if minutes and minutes % UNIT_MINUTES[unit] == 0:
                return [minutes // UNIT_MINUTES[unit], unit]
        return [minutes, "minutes"]


class HoursMinutesField(forms.MultiValueField):
    """Hours and minutes -> whole minutes, between `min_minutes` and `max_minutes`."""

    widget = HoursMinutesWidget

    def __init__(self, *, min_minutes: int, max_minutes: int, **kwargs: Any) -> None:
        parts = (
            forms.IntegerField(
                min_value=0, required=False, error_messages={"invalid": "Hours are whole numbers."}
            ),
            forms.IntegerField(
                min_value=0,
                max_value=59,
                required=False,
                error_messages={
                    "invalid": "Minutes are whole numbers.",
                    "max_value": "Minutes go up to 59: write 90 minutes as 1 hour 30 minutes.",
                },
            ),
        )
        self.min_minutes, self.max_minutes = min_minutes, max_minutes
        kwargs.setdefault("require_all_fields", False)
        super().__init__(parts, **kwargs)

    def compress(self, data_list: list[Any]) -> int | None:
        if not data_list or all(part in (None, "") for part in data_list):
            return None
        hours, minutes = (part or 0 for part in data_list)
        return int(hours) * HOUR + int(minutes)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        if value < self.min_minutes:
            raise ValidationError(self.error_messages.get("min_value", "Too short."))
        if value > self.max_minutes:
            raise ValidationError(self.error_messages.get("max_value", "Too long."))


class NoticeField(forms.MultiValueField):
    """An amount and a unit (minutes, hours or days) -> whole minutes."""

    widget = AmountUnitWidget

    def __init__(self, **kwargs: Any) -> None:
        parts = (
            forms.IntegerField(
                min_value=0,
                max_value=730 * 24,
                required=False,
                error_messages={
                    "invalid": "Write the notice as a whole number.",
                    "min_value": "The notice cannot be negative.",
                    "max_value": "That notice is longer than two years.",
                },
            ),
            forms.ChoiceField(choices=UNITS, required=False),
        )
        kwargs.setdefault("require_all_fields", False)
        super().__init__(parts, **kwargs)
        self.widget.legend = str(self.label or "")

    def compress(self, data_list: list[Any]) -> int | None:
        if not data_list or data_list[0] in (None, ""):
            return None
        return int(data_list[0]) * UNIT_MINUTES[data_list[1] or "hours"]
