"""The Atom feed and the sitemap list exactly what a visitor may read."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PostFactory, TagFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def atom(client: Client) -> ET.Element:
    response = client.get(reverse("blog:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def sitemap_urls(client: Client) -> dict[str, str | None]:
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {
        (url.findtext(f"{SITEMAP}loc") or ""): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


def test_the_feed_lists_exactly_the_published_posts(client: Client, practice):
    tag = TagFactory(name="psoas")
    published = [PostFactory(tags=[tag]), PostFactory()]
    PostFactory(draft=True, title="A draft")
    PostFactory(scheduled=True, title="Not yet")
    feed = atom(client)
    entries = feed.findall(f"{ATOM}entry")
    links = {e.find(f"{ATOM}link").get("href") for e in entries}  # type: ignore[union-attr]
    assert links == {"http://testserver" + p.get_absolute_url() for p in published}
    titles = {e.findtext(f"{ATOM}title") for e in entries}
    assert "A draft" not in titles and "Not yet" not in titles


def test_the_feed_has_a_title_subtitle_and_complete_entries(client: Client, practice):
    post = PostFactory(title="Breath & the diaphragm", summary="Why breath <matters>.")
    feed = atom(client)
    assert feed.findtext(f"{ATOM}title") == "Serena CranioCare: articles"
    assert "Serena CranioCare" in (feed.findtext(f"{ATOM}subtitle") or "")
    assert feed.findtext(f"{ATOM}updated")
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Breath & the diaphragm"
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None and summary.get("type") == "html"
    assert summary.text == "Why breath &lt;matters&gt;."  # plain text, escaped as HTML
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Serena Walsh"
    updated = datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or "")
    assert abs(updated - post.updated_at) < timedelta(seconds=1)
    published = datetime.fromisoformat(entry.findtext(f"{ATOM}published") or "")
    assert abs(published - post.published_at) < timedelta(seconds=1)


def test_the_feed_holds_the_newest_twenty(client: Client, practice):
    now = timezone.now()
    posts = [PostFactory(published_at=now - timedelta(hours=i + 1)) for i in range(22)]
    entries = atom(client).findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == [p.title for p in posts[:20]]


def test_the_feed_is_valid_when_empty(client: Client, practice):
    assert atom(client).findall(f"{ATOM}entry") == []


def test_the_sitemap_lists_exactly_the_published_posts(client: Client, practice):
    published = [PostFactory(), PostFactory()]
    draft = PostFactory(draft=True)
    scheduled = PostFactory(scheduled=True)
    urls = sitemap_urls(client)
    articles = {
        url
        for url in urls
        if "/articles/" in url and "/articles/tag/" not in url and not url.endswith("/articles/")
    }
    assert articles == {"http://testserver" + p.get_absolute_url() for p in published}
    assert "http://testserver" + draft.get_absolute_url() not in urls
    assert "http://testserver" + scheduled.get_absolute_url() not in urls
    lastmod = urls["http://testserver" + published[0].get_absolute_url()]
    assert lastmod == published[0].updated_at.date().isoformat()


def test_the_sitemap_lists_only_tags_with_published_posts(client: Client, practice):
    used, drafts_only, scheduled_only, empty = (
        TagFactory(name="psoas"),
        TagFactory(name="drafts"),
        TagFactory(name="soon"),
        TagFactory(name="empty"),
    )
    PostFactory(tags=[used])
    PostFactory(tags=[used])
    PostFactory(draft=True, tags=[drafts_only, used])
    PostFactory(scheduled=True, tags=[scheduled_only])
    tags = {url for url in sitemap_urls(client) if "/articles/tag/" in url}
    assert tags == {"http://testserver" + used.get_absolute_url()}
    assert all(t.get_absolute_url() not in str(tags) for t in (drafts_only, scheduled_only, empty))
