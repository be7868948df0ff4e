"""`cover:` in front matter: an image beside the Markdown file becomes the post's cover."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from craniocare.blog.models import Post

pytestmark = pytest.mark.django_db

ARTICLE = """\
---
title: The psoas
slug: the-psoas
status: published
cover: {cover}
cover_alt: Sage shapes on cream
---
From T12 to L5, through the pelvis, to the femur.
"""


def image_bytes(colour: tuple[int, int, int], kind: str = "WEBP") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 21), colour).save(buffer, format=kind)
    return buffer.getvalue()


def run(directory: Path) -> None:
    call_command("import_posts", str(directory), stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    folder = tmp_path / "posts"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "psoas.webp").write_bytes(image_bytes((61, 97, 87)))
    (folder / "psoas.md").write_text(ARTICLE.format(cover="images/psoas.webp"))
    return folder


def test_it_stores_the_cover_beside_the_file(posts: Path, practice, media_root: Path):
    run(posts)
    post = Post.objects.get()
    assert post.cover.name == "covers/psoas.webp"
    assert Path(post.cover.path).read_bytes() == (posts / "images" / "psoas.webp").read_bytes()
    assert Path(post.cover.path).is_relative_to(media_root)


def test_importing_again_keeps_an_unchanged_cover_and_replaces_a_changed_one(posts: Path, practice):
    run(posts)
    first = Post.objects.get().cover.name
    run(posts)
    assert Post.objects.get().cover.name == first
    (posts / "images" / "psoas.webp").write_bytes(image_bytes((156, 74, 47)))
    run(posts)
    post = Post.objects.get()
    assert post.cover.name != first
    assert Path(post.cover.path).read_bytes() == (posts / "images" / "psoas.webp").read_bytes()


def test_a_missing_stored_cover_is_stored_again(posts: Path, practice):
    run(posts)
    Path(Post.objects.get().cover.path).unlink()
    run(posts)
    assert Path(Post.objects.get().cover.path).exists()


def test_a_file_without_cover_keeps_the_posts_cover(posts: Path, practice):
    run(posts)
    first = Post.objects.get().cover.name
    (posts / "psoas.md").write_text(ARTICLE.replace("cover: {cover}\n", ""))
    run(posts)
    assert Post.objects.get().cover.name == first


@pytest.mark.parametrize(
    ("cover", "fragment"),
    [
        ("images/nowhere.webp", "the cover image 'images/nowhere.webp' is not in "),
        ("images/psoas.gif", "'cover' must be a relative path to a jpg, jpeg, png or webp image"),
        ("/etc/psoas.webp", "'cover' must be a relative path"),
        ("images/text.png", "the cover 'images/text.png' is not an image that can be read"),
    ],
)
def test_a_bad_cover_fails_the_import_naming_the_line(
    posts: Path, practice, cover: str, fragment: str
):
    (posts / "images" / "text.png").write_text("not a picture")
    (posts / "other.md").write_text(ARTICLE.format(cover=cover).replace("the-psoas", "other"))
    with pytest.raises(CommandError) as caught:
        run(posts)
    assert str(caught.value).startswith(f"{posts / 'other.md'}, line 5: ")
    assert fragment in str(caught.value)
    assert Post.objects.count() == 0
