"""seed_posts(): the original demo articles and their covers, imported from Markdown files,
safe to run again."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from craniocare.blog.models import Post, PostStatus, Tag
from craniocare.demo.posts import seed_posts
from craniocare.lib.markdown import plain_text

pytestmark = pytest.mark.django_db


def test_it_seeds_published_draft_and_scheduled_articles(practice):
    seed_posts()
    published = list(Post.objects.published())
    assert len(published) >= 3
    assert Post.objects.filter(status=PostStatus.DRAFT).count() == 1
    scheduled = Post.objects.filter(status=PostStatus.PUBLISHED, published_at__gt=timezone.now())
    assert scheduled.count() == 1
    for post in published:
        words = len(plain_text(post.body).split())
        assert 500 <= words <= 900, (post.slug, words)
        assert "\n## " in post.body and "\n- " in post.body
        assert post.summary and post.cover_alt
        assert post.tags.exists()
    assert {"psoas", "jaw-tmj", "first-visit", "nervous-system"} <= set(
        Tag.objects.values_list("slug", flat=True)
    )
    jaw = Post.objects.get(slug="jaw-tension-and-tmj")
    for promise in ["written consent", "gloves", "optional"]:
        assert promise in jaw.body


def test_each_published_article_gets_a_small_webp_cover(practice, media_root: Path):
    seed_posts()
    for post in Post.objects.published():
        assert post.cover.name.startswith("covers/")
        path = Path(post.cover.path)
        assert path.is_relative_to(media_root)
        data = path.read_bytes()
        assert len(data) < 40 * 1024
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "WEBP"
            assert image.size == (1200, 630)


def test_seeding_again_changes_nothing(practice):
    seed_posts()
    before = {p.slug: (p.published_at, p.cover.name, p.status) for p in Post.objects.all()}
    tags = Tag.objects.count()
    seed_posts()
    after = {p.slug: (p.published_at, p.cover.name, p.status) for p in Post.objects.all()}
    assert after == before
    assert Tag.objects.count() == tags


def test_a_missing_cover_is_stored_again(practice):
    seed_posts()
    post = Post.objects.published().first()
    assert post is not None
    Path(post.cover.path).unlink()
    seed_posts()
    post.refresh_from_db()
    assert Path(post.cover.path).exists()


def test_the_demo_articles_render(client: Client, practice):
    seed_posts()
    for post in Post.objects.published():
        response = client.get(post.get_absolute_url())
        assert response.status_code == 200
        assert post.cover.url in response.content.decode()
    listing = client.get("/articles/").content.decode()
    assert listing.count('class="post-card"') == Post.objects.published().count()
