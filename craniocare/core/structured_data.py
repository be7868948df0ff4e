"""JSON-LD helpers for public pages. What the practice's own JSON-LD says (its hours come from
scheduling, above core) is built in craniocare/website/structured_data.py."""

from __future__ import annotations

import json
from typing import Any


def to_script_json(data: dict[str, Any]) -> str:
    """JSON that is safe inside a <script> element (no closing tags, no HTML comments)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
