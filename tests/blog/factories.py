"""Factories for articles and tags. A PostFactory post is published a day ago unless told."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from craniocare.blog.models import Post, PostStatus, Tag


class TagFactory(factory.django.DjangoModelFactory[Tag]):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"topic {n}")
    slug = factory.LazyAttribute(lambda tag: tag.name.replace(" ", "-").replace("&", "and"))


class PostFactory(factory.django.DjangoModelFactory[Post]):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Gentle article number {n}")
    slug = factory.Sequence(lambda n: f"gentle-article-{n}")
    summary = "A short, calm summary of the article."
    body = "## A heading\n\nSome quiet words about CranioSacral Therapy.\n\n- one\n- two\n"
    status = PostStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Params:
        draft = factory.Trait(status=PostStatus.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
        )

    @factory.post_generation
    def tags(self, create: bool, extracted: Iterable[Tag] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.tags.set(extracted)
