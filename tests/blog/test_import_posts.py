"""`manage.py import_posts DIR`: creates, updates by slug, and refuses bad files outright."""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from craniocare.blog.models import Post, PostStatus, Tag
from tests.factories import PostFactory, TagFactory

pytestmark = pytest.mark.django_db

PSOAS = """\
---
title: "The psoas: a deep muscle"
slug: the-psoas
date: 2024-05-01T09:30
tags: [psoas, "jaw & TMJ"]
summary: A muscle with a long reach.
status: published
cover_alt: Sage shapes on cream
---
## Where it lives

From T12 to L5, through the pelvis, to the femur.
"""

FIRST_VISIT = """\
---
title: Your first visit
date: 2024-06-10
tags:
  - first visit
  - psoas
status: draft
---
What a first session is like.
"""


def write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def run(directory: Path | str) -> str:
    out = StringIO()
    call_command("import_posts", str(directory), stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_it_creates_posts_from_markdown_files(tmp_path: Path, practice):
    posts = write(tmp_path / "posts", {"psoas.md": PSOAS, "first.md": FIRST_VISIT})
    (posts / "notes.txt").write_text("not an article")
    assert run(posts) == "created 2, updated 0"

    psoas = Post.objects.get(slug="the-psoas")
    assert psoas.title == "The psoas: a deep muscle"
    assert psoas.status == PostStatus.PUBLISHED
    assert psoas.published_at == datetime(2024, 5, 1, 13, 30, tzinfo=UTC)  # 09:30 in Toronto
    assert psoas.summary == "A muscle with a long reach."
    assert psoas.cover_alt == "Sage shapes on cream"
    assert psoas.body.startswith("## Where it lives")
    assert sorted(t.slug for t in psoas.tags.all()) == ["jaw-tmj", "psoas"]
    assert Tag.objects.get(slug="jaw-tmj").name == "jaw & TMJ"

    first = Post.objects.get(slug="your-first-visit")
    assert first.status == PostStatus.DRAFT
    assert first.published_at == datetime(2024, 6, 10, 4, 0, tzinfo=UTC)  # midnight in Toronto
    assert sorted(t.name for t in first.tags.all()) == ["first visit", "psoas"]
    assert Tag.objects.count() == 3


def test_importing_again_updates_instead_of_duplicating(tmp_path: Path, practice):
    posts = write(tmp_path / "posts", {"psoas.md": PSOAS, "first.md": FIRST_VISIT})
    assert run(posts) == "created 2, updated 0"
    write(posts, {"psoas.md": PSOAS.replace("a deep muscle", "a muscle of the soul")})
    write(posts, {"first.md": FIRST_VISIT.replace("  - psoas\n", "")})
    write(posts, {"new.md": "---\ntitle: A new one\n---\nText\n"})

    assert run(posts) == "created 1, updated 2"
    assert Post.objects.count() == 3
    assert Post.objects.get(slug="the-psoas").title == "The psoas: a muscle of the soul"
    first = Post.objects.get(slug="your-first-visit")
    assert [t.name for t in first.tags.all()] == ["first visit"]
    assert Tag.objects.count() == 3

    assert run(posts) == "created 0, updated 3"
    assert Post.objects.count() == 3


def test_it_reuses_existing_tags_by_slug_or_name(tmp_path: Path, practice):
    TagFactory(name="Psoas", slug="psoas")
    TagFactory(name="jaw & TMJ", slug="jaw-and-tmj")
    run(write(tmp_path / "posts", {"psoas.md": PSOAS}))
    assert Tag.objects.count() == 2
    assert sorted(t.slug for t in Post.objects.get().tags.all()) == ["jaw-and-tmj", "psoas"]


def test_it_updates_a_post_created_in_the_admin(tmp_path: Path, practice):
    PostFactory(slug="the-psoas", title="Old title")
    assert run(write(tmp_path / "posts", {"psoas.md": PSOAS})) == "created 0, updated 1"
    assert Post.objects.get().title == "The psoas: a deep muscle"


def test_a_bad_file_names_file_and_line_and_nothing_is_imported(
    tmp_path: Path, practice, monkeypatch: pytest.MonkeyPatch
):
    write(
        tmp_path / "posts",
        {
            "a-good.md": PSOAS,
            "bad.md": "---\ntitle: Bad\nslug: bad\ndate: 2024-13-40\n---\nText\n",
            "z-good.md": FIRST_VISIT,
        },
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError) as caught:
        run("posts")
    assert str(caught.value) == (
        "posts/bad.md, line 4: 'date' must be YYYY-MM-DD or an ISO date-time, got '2024-13-40'"
    )
    assert Post.objects.count() == 0
    assert Tag.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("---\ntitle: T\nText\n", 1, "never closed"),
        ("---\ntitle: T\nnot a pair\n---\nText", 3, "could not find expected ':'"),
        ("---\ntitle: T\nauthor: Serena\n---\nText", 3, "unknown key 'author'"),
        ("---\nslug: t\n---\nText", 1, "'title' is required"),
        ("---\ntitle: T\nstatus: live\n---\nText", 3, "'status' must be draft or published"),
        ("---\ntitle: T\ndate: 2024-02-30\n---\nText", 3, "'date' must be"),
    ],
)
def test_bad_front_matter_fails_the_whole_import(
    tmp_path: Path, practice, text: str, line: int, fragment: str
):
    posts = write(tmp_path / "posts", {"a.md": PSOAS, "b.md": text})
    with pytest.raises(CommandError) as caught:
        run(posts)
    assert str(caught.value).startswith(f"{posts / 'b.md'}, line {line}: ")
    assert fragment in str(caught.value)
    assert Post.objects.count() == 0


def test_a_bad_file_leaves_existing_posts_untouched(tmp_path: Path, practice):
    posts = write(tmp_path / "posts", {"psoas.md": PSOAS})
    run(posts)
    write(posts, {"psoas.md": PSOAS.replace("a deep muscle", "changed")})
    write(posts, {"zz.md": "---\ntitle: T\nstatus: maybe\n---\nText\n"})
    with pytest.raises(CommandError):
        run(posts)
    assert Post.objects.get().title == "The psoas: a deep muscle"


def test_two_files_with_one_slug_are_refused(tmp_path: Path, practice):
    other = PSOAS.replace('"The psoas: a deep muscle"', "Another")
    posts = write(tmp_path / "posts", {"a.md": PSOAS, "b.md": other})
    with pytest.raises(CommandError) as caught:
        run(posts)
    assert str(caught.value).startswith(f"{posts / 'b.md'}, line 3: ")
    assert "already used" in str(caught.value)
    assert Post.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path, practice):
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "latin1.md").write_bytes("---\ntitle: Caf\u00e9\n---\nText\n".encode("latin-1"))
    with pytest.raises(CommandError) as caught:
        run(posts)
    assert str(caught.value).startswith(f"{posts / 'latin1.md'}, line 2: ")


def test_a_missing_directory_is_a_clear_error(tmp_path: Path, practice):
    with pytest.raises(CommandError) as caught:
        run(tmp_path / "nowhere")
    assert "not a directory" in str(caught.value)


def test_an_empty_directory_imports_nothing(tmp_path: Path, practice):
    assert run(write(tmp_path / "posts", {})) == "created 0, updated 0"
