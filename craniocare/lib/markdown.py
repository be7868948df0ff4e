"""Markdown to safe HTML: markdown-it-py renders, nh3 keeps only harmless tags and attributes."""

from __future__ import annotations

import html
import math
import re

import nh3
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"typographer": True}).enable(["table", "strikethrough"])

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "figcaption", "figure", "h2", "h3",
    "h4", "hr", "img", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "th": {"scope"},
    "abbr": {"title"},
}
WORDS_PER_MINUTE = 220
_WORD = re.compile(r"\w+")


def render_markdown(text: str) -> str:
    """Return sanitized HTML for `text`. Headings start at h2: the page owns the h1."""
    html = _renderer.render(text or "")
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def reading_minutes(text: str) -> int:
    words = len(_WORD.findall(text or ""))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def plain_text(text: str) -> str:
    """The words of a Markdown text without markup, for summaries and meta descriptions."""
    return " ".join(html.unescape(nh3.clean(_renderer.render(text or ""), tags=set())).split())
