from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import Post, Tag


class PostSitemap(Sitemap):
    """Every article a visitor can read."""

    changefreq = "monthly"
    priority = 0.7

    def items(self) -> QuerySet[Post]:
        return Post.objects.published().newest_first()

    def lastmod(self, item: Post) -> datetime:
        return item.updated_at


class TagSitemap(Sitemap):
    """Tags with at least one readable article; a tag of drafts only has no public page."""

    changefreq = "weekly"
    priority = 0.4

    def items(self) -> QuerySet[Tag]:
        return Tag.objects.in_use().order_by("name")

    def lastmod(self, item: Tag) -> datetime | None:
        return getattr(item, "last_post_change", None)
