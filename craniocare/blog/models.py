from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from craniocare.lib.markdown import plain_text, reading_minutes, render_markdown


class TagQuerySet(models.QuerySet["Tag"]):
    def in_use(self) -> TagQuerySet:
        """Tags with at least one article a visitor can read, with `last_post_change`."""
        # Filtering before annotating makes the maximum run over published posts only.
        return self.filter(posts__in=Post.objects.published()).annotate(
            last_post_change=Max("posts__updated_at")
        )


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("blog:tag", args=[self.slug])


class PostStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PostQuerySet(models.QuerySet["Post"]):
    def published(self, now: datetime | None = None) -> PostQuerySet:
        """Posts a visitor may read: published, and their publish time has come."""
        now = now or timezone.now()
        return self.filter(status=PostStatus.PUBLISHED).filter(
            Q(published_at__isnull=False, published_at__lte=now)
        )

    def newest_first(self) -> PostQuerySet:
        return self.order_by("-published_at", "-id")

    def for_listing(self) -> PostQuerySet:
        """Published posts, newest first, with their tags fetched in one more query."""
        return self.published().newest_first().prefetch_related("tags")

    def related_to(self, post: Post, *, limit: int = 3) -> PostQuerySet:
        """Published posts sharing tags with `post`: most shared tags first, then newest."""
        tag_ids = list(post.tags.values_list("pk", flat=True))
        return (
            self.published()
            .exclude(pk=post.pk)
            .filter(tags__in=tag_ids)
            .annotate(shared_tags=Count("tags", distinct=True))
            .order_by("-shared_tags", "-published_at", "-id")
            .prefetch_related("tags")[:limit]
        )


class Post(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(
        max_length=320, blank=True, help_text="Shown in lists, feeds and link previews."
    )
    body = models.TextField(help_text="Markdown.")
    cover = models.ImageField(
        upload_to="covers/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
    )
    cover_alt = models.CharField(
        "cover image description",
        max_length=240,
        blank=True,
        help_text="What the cover image shows, for people who cannot see it.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    status = models.CharField(max_length=12, choices=PostStatus.choices, default=PostStatus.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Publication time. A time in the future schedules the post.",
        db_index=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.status == PostStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)  # signals bump the content version (core.content_version)

    def get_absolute_url(self) -> str:
        return reverse("blog:detail", args=[self.slug])

    @property
    def body_html(self) -> str:
        return render_markdown(self.body)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.body)

    @property
    def state(self) -> str:
        """Draft, Scheduled or Published: what a visitor sees right now."""
        if self.status != PostStatus.PUBLISHED:
            return "Draft"
        if self.published_at is not None and self.published_at > timezone.now():
            return "Scheduled"
        return "Published"

    @property
    def description(self) -> str:
        if self.summary:
            return self.summary
        words = plain_text(self.body).split()
        return " ".join(words[:40]) + ("…" if len(words) > 40 else "")
