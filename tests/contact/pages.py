"""Reading the contact form's HTML in tests: the page text, one field's tag or text."""

from __future__ import annotations

import html
import re
from typing import Any


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def input_tag(text: str, name: str, value: str | None = None) -> str:
    """The <input> tag for field `name` (and `value`, for radios); fails when it is missing."""
    for tag in re.findall(r"<input\b[^>]*>", text):
        if f'name="{name}"' in tag and (value is None or f'value="{value}"' in tag):
            return tag
    raise AssertionError(f"no input {name}={value}")


def textarea(text: str, name: str) -> str:
    match = re.search(rf'<textarea\b[^>]*name="{name}"[^>]*>(.*?)</textarea>', text, re.S)
    assert match, f"no textarea {name}"
    return match.group(1)
