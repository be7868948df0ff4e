"""Posting a form back as it is shown: the data a browser would send for its initial values."""

from __future__ import annotations

from typing import Any

from django import forms


def posted_as_shown(form: forms.BaseForm) -> dict[str, Any]:
    """`form`'s initial values as POST data, with a multi-part field (hours and unit, say) sent
    as its parts, under the names its widget renders."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value is None:
            continue
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(value)
            for suffix, part in zip(widget.widgets_names, parts, strict=True):
                if part is not None:
                    data[f"{name}{suffix}"] = part
        else:
            data[name] = value
    return data
