"""The front-matter parser of import_posts, without a database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from craniocare.blog.front_matter import ImportFailed, PostSource, parse_post
from tests.clock import TORONTO


def parse(text: str) -> PostSource:
    return parse_post(text, path="posts/a.md", zone=TORONTO)


def fails(text: str) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        parse(text)
    return caught.value


def test_it_reads_every_key():
    source = parse(
        "---\n"
        'title: "The psoas: a deep muscle"\n'
        "slug: the-psoas\n"
        "date: 2024-05-02\n"
        "tags: [psoas, 'jaw & TMJ', \"first, visit\"]\n"
        "summary: A muscle with a long reach.\n"
        "status: published\n"
        "cover_alt: Sage shapes on cream\n"
        "---\n"
        "\n"
        "## Hello\n\nBody text.\n"
    )
    assert source.title == "The psoas: a deep muscle"
    assert source.slug == "the-psoas"
    assert source.published_at == datetime(2024, 5, 2, tzinfo=TORONTO)
    assert source.tags == ("psoas", "jaw & TMJ", "first, visit")
    assert source.summary == "A muscle with a long reach."
    assert source.status == "published"
    assert source.cover_alt == "Sage shapes on cream"
    assert source.body == "## Hello\n\nBody text.\n"


def test_it_defaults_to_a_draft_with_a_slug_from_the_title():
    source = parse("---\ntitle: Breath and the Diaphragm\n---\nText.\n")
    assert source.slug == "breath-and-the-diaphragm"
    assert source.status == "draft"
    assert source.published_at is None
    assert source.tags == ()


def test_it_reads_tags_as_a_dash_list_with_comments_and_blank_lines():
    source = parse(
        '---\n# a comment\ntitle: T\ntags:\n  - psoas\n\n  - "jaw & TMJ"\n  - Psoas\n---\nText\n'
    )
    assert source.tags == ("psoas", "jaw & TMJ")  # "Psoas" has the same slug as "psoas"


def test_it_reads_windows_line_endings_and_single_quote_escapes():
    source = parse("---\r\ntitle: 'It''s gentle'\r\n---\r\nText\r\n")
    assert source.title == "It's gentle"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", datetime(2024, 5, 1, 4, 0, tzinfo=UTC)),
        ("2024-05-01T09:30", datetime(2024, 5, 1, 13, 30, tzinfo=UTC)),
        ("2024-01-15 09:30:00", datetime(2024, 1, 15, 14, 30, tzinfo=UTC)),
        ("2024-05-01T09:30:00+02:00", datetime(2024, 5, 1, 7, 30, tzinfo=UTC)),
        ("2024-05-01T09:30:00Z", datetime(2024, 5, 1, 9, 30, tzinfo=UTC)),
        ('"2024-05-01"', datetime(2024, 5, 1, 4, 0, tzinfo=UTC)),
    ],
)
def test_it_reads_dates_in_the_practice_time_zone(value: str, expected: datetime):
    source = parse(f"---\ntitle: T\ndate: {value}\n---\nText\n")
    assert source.published_at == expected
    assert source.published_at is not None and source.published_at.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: T\n---\nText", 1, "must start with front matter"),
        ("---\ntitle: T\nText\n", 1, "never closed"),
        ("---\ntitle: T\nthis is not a pair\n---\nText", 3, "could not find expected ':'"),
        ("---\ntitle: T\nauthor: Serena\n---\nText", 3, "unknown key 'author'"),
        ("---\nslug: s\ndate: 2024-01-01\n---\nText", 1, "'title' is required"),
        ('---\ntitle: ""\n---\nText', 2, "'title' is required"),
        ("---\ntitle: T\n\ndate: 2024-13-40\n---\nText", 4, "got '2024-13-40'"),
        ("---\ntitle: T\ndate: yesterday\n---\nText", 3, "YYYY-MM-DD"),
        ("---\ntitle: T\ndate: 20240501\n---\nText", 3, "YYYY-MM-DD"),
        ("---\ntitle: T\nstatus: live\n---\nText", 3, "'status' must be draft or published"),
        ("---\ntitle: T\ntitle: U\n---\nText", 3, "given twice"),
        ('---\ntitle: "T\n---\nText', 2, "while scanning a quoted scalar"),
        ('---\ntitle: "T" extra\n---\nText', 2, "not valid YAML"),
        ("---\ntitle: T\ntags: [a, b\n---\nText", 3, "expected ',' or ']'"),
        ("---\ntitle: T\ntags: [a,, b]\n---\nText", 3, "not valid YAML"),
        ("---\ntitle: T\ntags:\n  - a\n  - ''\n---\nText", 5, "empty item"),
        ("---\ntitle: T\ntags:\n  - [a]\n---\nText", 4, "plain text"),
        ("---\n\ntitle: T\nauthor: Serena\n---\nText", 4, "unknown key 'author'"),
        ("---\ntitle: T\n\x07\n---\nText", 3, "character YAML refuses"),
        ("---\ntitle: T\n- stray\n---\nText", 3, "but found '-'"),
        ("---\ntitle:\n  - a\n---\nText", 2, "single value"),
        ("---\ntitle: T\nslug: not a slug\n---\nText", 3, "'slug'"),
        ("---\ntitle: T\nsummary:\n  a: b\n---\nText", 3, "not a mapping"),
        ('---\ntitle: T\ntags: ["&&"]\n---\nText', 3, "needs a letter or digit"),
        ("---\ntitle: T\n---\n\n   \n", 4, "no text"),
        ("---\ntitle: " + "x" * 201 + "\n---\nText", 2, "longer than 200"),
    ],
)
def test_it_names_the_line_of_bad_front_matter(text: str, line: int, message: str):
    problem = fails(text)
    assert str(problem).startswith(f"posts/a.md, line {line}: ")
    assert message in str(problem)


def test_it_reads_multi_line_yaml_values():
    source = parse("---\ntitle: T\nsummary: >\n  A muscle\n  with a long reach.\n---\nText\n")
    assert source.summary == "A muscle with a long reach."


def test_it_keeps_every_value_as_text():
    source = parse("---\ntitle: yes\nslug: '2024'\ncover_alt: 1.10\n---\nText\n")
    assert (source.title, source.slug, source.cover_alt) == ("yes", "2024", "1.10")


def test_a_bad_date_message_reads_as_documented():
    problem = fails("---\ntitle: T\nslug: t\ndate: 2024-13-40\n---\nText")
    assert str(problem) == (
        "posts/a.md, line 4: 'date' must be YYYY-MM-DD or an ISO date-time, got '2024-13-40'"
    )


@given(
    title=st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=120
    ).filter(lambda t: t.strip())
)
def test_any_double_quoted_title_reads_back(title: str):
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    source = parse(f"---\ntitle: {quoted}\nslug: x\n---\nText\n")
    assert source.title == title.strip()


@given(text=st.text(max_size=300), opened=st.booleans())
def test_it_never_fails_with_anything_but_a_clear_error(text: str, opened: bool):
    try:
        parse(("---\n" if opened else "") + text)
    except ImportFailed as problem:
        assert str(problem).startswith("posts/a.md")
