"""Reading rendered pages in tests: headings, images, meta tags and JSON-LD blocks."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any


class PageParser(HTMLParser):
    """Collects what the tests look at: headings, images, meta tags and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in_json_ld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)

    def meta(self, key: str) -> list[str]:
        return [
            attrs.get("content") or ""
            for name, attrs in self.tags
            if name == "meta" and key in (attrs.get("property"), attrs.get("name"))
        ]

    def structured_data(self) -> list[dict[str, Any]]:
        return [json.loads(block) for block in self.json_ld]


def parse_page(html: str | bytes) -> PageParser:
    parser = PageParser()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser
