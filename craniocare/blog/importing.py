"""Import Markdown articles (the format: front_matter.py): every file is read and checked before
anything is written; then all of them are saved in one transaction, so a single bad file means
nothing is imported. Re-importing updates posts with the same slug instead of duplicating them.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from craniocare.core.models import PracticeProfile

from .front_matter import ImportFailed, ImportResult, PostSource, read_directory
from .models import Post, Tag

__all__ = ["ImportFailed", "ImportResult", "import_posts", "read_directory", "save_posts"]


def _tag_for(name: str) -> Tag:
    """The tag with this name's slug (or this exact name), created when there is none."""
    slug = slugify(name)[:60]
    existing = Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name=name).first()
    if existing is not None:
        return existing
    return Tag.objects.create(name=name, slug=slug)


def _store_cover(post: Post, image: Path) -> None:
    """Make `image` the post's cover, unless its stored copy already holds the same bytes."""
    data = image.read_bytes()
    if post.cover and post.cover.storage.exists(post.cover.name):
        with post.cover.storage.open(post.cover.name) as stored:
            if stored.read() == data:
                return
    post.cover.save(image.name, ContentFile(data), save=False)


def _save(source: PostSource) -> bool:
    """Create or update the post with `source.slug`; return True when it was created."""
    post = Post.objects.filter(slug=source.slug).first()
    created = post is None
    if post is None:
        post = Post(slug=source.slug)
    post.title = source.title
    post.body = source.body
    post.summary = source.summary
    post.status = source.status
    post.cover_alt = source.cover_alt
    if source.published_at is not None:
        post.published_at = source.published_at
    if source.cover is not None:
        _store_cover(post, source.cover)
    try:
        post.full_clean()
    except ValidationError as problem:
        messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in problem.message_dict.items())
        raise ImportFailed(source.path, messages) from None
    post.save()
    post.tags.set([_tag_for(name) for name in source.tags])
    return created


def save_posts(sources: list[PostSource]) -> ImportResult:
    """Write every source in one transaction: all of them are saved, or none."""
    created = 0
    with transaction.atomic():
        for source in sources:
            created += _save(source)
    return ImportResult(created=created, updated=len(sources) - created)


def import_posts(directory: Path, *, zone: tzinfo | None = None) -> ImportResult:
    """Check every `*.md` file in `directory`, then save them all; see the module docstring."""
    zone = zone or ZoneInfo(PracticeProfile.load().time_zone)
    return save_posts(read_directory(directory, zone=zone))
