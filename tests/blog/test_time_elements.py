"""Article dates: valid `<time datetime>` values (seconds, no microseconds) and the same day in
the practice's zone on the home page, the list and the article."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

# What HTML accepts as a global date and time (the subset we write).
VALID = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")
# 02:30 UTC on 2 March is 21:30 on 1 March in Toronto (EST).
LATE_EVENING = datetime(2026, 3, 2, 2, 30, 0, 123456, tzinfo=UTC)


class TimeTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "time":
            self._open = dict(attrs).get("datetime") or ""

    def handle_data(self, data: str) -> None:
        if self._open is not None and data.strip():
            self.found.append((self._open, data.strip()))
            self._open = None


def time_tags(client: Client, url: str) -> list[tuple[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    parser = TimeTags()
    parser.feed(response.content.decode())
    return parser.found


def test_every_article_date_is_valid_html_and_in_the_practice_zone(client: Client, practice):
    post = PostFactory(title="Evening thoughts", published_at=LATE_EVENING)
    for url in (reverse("website:home"), reverse("blog:list"), post.get_absolute_url()):
        tags = time_tags(client, url)
        assert tags, url
        for value, shown in tags:
            assert VALID.fullmatch(value), (url, value)
            assert value == "2026-03-01T21:30:00-05:00", url
            assert shown == "1 March 2026", url
