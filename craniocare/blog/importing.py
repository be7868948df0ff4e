"""Import Markdown articles with front matter, as written in most static-site generators.

A file looks like this:

    ---
    title: "The psoas: a deep muscle with a long reach"
    slug: psoas-deep-muscle
    date: 2024-05-02
    tags: [psoas, "jaw & TMJ"]
    summary: How a muscle deep in the pelvis takes part in posture and breath.
    status: published
    cover_alt: Soft sage and clay shapes on cream
    ---
    The Markdown body starts here.

The front matter is a small, strict subset of YAML, read by the parser below (no PyYAML):

- one `key: value` per line; the value is the rest of the line. Known keys only: title, slug,
  date, tags, summary, status, cover_alt. Only title is required.
- a value may be wrapped in double quotes (backslash escapes `\\"` and `\\\\`) or single quotes
  (`''` is a quote); anything after the closing quote is an error.
- tags are `[a, "b, c"]` on one line, or an empty `tags:` followed by `- item` lines.
- blank lines and lines starting with `#` are ignored.
- date is `YYYY-MM-DD` (midnight) or an ISO 8601 date-time; without an offset it is read in
  the practice's time zone.
- status is `draft` (the default: nothing goes public unless the file says so) or `published`.
- slug defaults to the slugified title.

Every file is read and checked before anything is written; then all of them are saved in one
transaction, so a single bad file means nothing is imported. Re-importing updates posts with
the same slug instead of duplicating them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from craniocare.core.models import PracticeProfile

from .models import Post, PostStatus, Tag

KEYS = ("title", "slug", "date", "tags", "summary", "status", "cover_alt")
FENCE = "---"
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*:(?:[ \t]+(?P<value>.*?))?\s*$")
_LIST_ITEM = re.compile(r"^\s*-(?:[ \t]+(?P<value>.*?))?\s*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_MAX_LENGTHS = {"title": 200, "slug": 200, "summary": 320, "cover_alt": 240}


class ImportFailed(Exception):
    """A file that cannot be imported; the message names the file and, when known, the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class PostSource:
    """One article as read from a file, checked and ready to save."""

    path: str
    title: str
    slug: str
    body: str
    published_at: datetime | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    status: str = PostStatus.DRAFT
    cover_alt: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


# --- Parsing ------------------------------------------------------------------------------------


class _LineError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _scalar(text: str, line: int) -> str:
    """The string a value stands for: unquoted as written, or the inside of its quotes."""
    if not text or text[0] not in "\"'":
        return text
    value, rest = _quoted(text, line)
    if rest.strip():
        raise _LineError(line, f"unexpected text after the closing quote: {rest.strip()!r}")
    return value


def _quoted(text: str, line: int) -> tuple[str, str]:
    """Read one quoted string at the start of `text`; return it and what follows it."""
    quote = text[0]
    out: list[str] = []
    index = 1
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            if following not in '"\\':
                raise _LineError(line, f"unknown escape '\\{following}' (only \\\" and \\\\)")
            out.append(following)
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                out.append("'")
                index += 2
                continue
            return "".join(out), text[index + 1 :]
        out.append(char)
        index += 1
    raise _LineError(line, f"the quoted value is missing its closing {quote}")


def _flow_list(text: str, line: int) -> list[str]:
    """Items of `[a, "b", 'c']`."""
    inner = text[1:]
    items: list[str] = []
    while True:
        inner = inner.lstrip()
        if not inner:
            raise _LineError(line, "the list is missing its closing ]")
        if inner[0] == "]" and not items:
            rest = inner[1:]
            break
        if inner[0] in "\"'":
            item, inner = _quoted(inner, line)
        else:
            match = re.match(r"[^,\]\"']*", inner)
            assert match is not None
            item, inner = match.group(0).strip(), inner[match.end() :]
            if inner[:1] in ('"', "'"):
                raise _LineError(line, "a quote in the middle of a list item")
        if not item:
            raise _LineError(line, "the list has an empty item")
        items.append(item)
        inner = inner.lstrip()
        if not inner:
            raise _LineError(line, "the list is missing its closing ]")
        if inner.startswith(","):
            inner = inner[1:]
            continue
        if inner.startswith("]"):
            rest = inner[1:]
            break
        raise _LineError(line, "list items must be separated by commas and end with ]")
    if rest.strip():
        raise _LineError(line, f"unexpected text after the list: {rest.strip()!r}")
    return items


@dataclass
class _Field:
    line: int
    value: str | None = None
    items: list[str] | None = None


def _split_front_matter(text: str) -> tuple[list[tuple[int, str]], str, int]:
    """The numbered front-matter lines, the body, and the line number where the body starts."""
    # Split on newlines only (not on the other characters str.splitlines() honours), so that
    # line numbers in messages match what an editor shows.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if not lines or lines[0].strip() != FENCE:
        raise _LineError(1, "the file must start with front matter: a line with only '---'")
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            header = [(number + 1, lines[number]) for number in range(1, index)]
            return header, "\n".join(lines[index + 1 :]), index + 2
    raise _LineError(1, "the front matter opened here is never closed with a '---' line")


def _read_fields(header: list[tuple[int, str]]) -> dict[str, _Field]:
    fields: dict[str, _Field] = {}
    open_list: _Field | None = None
    for number, raw in header:
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(raw)
        if item:
            if open_list is None:
                raise _LineError(number, "a '- item' line must follow a key such as 'tags:'")
            value = _scalar(item.group("value") or "", number)
            if not value:
                raise _LineError(number, "the list has an empty item")
            open_list.items = [*(open_list.items or []), value]
            continue
        match = _KEY_LINE.match(raw)
        if not match or raw[:1].isspace():
            raise _LineError(number, f"expected 'key: value', got {raw.strip()!r}")
        key, value = match.group("key"), match.group("value") or ""
        if key not in KEYS:
            raise _LineError(number, f"unknown key {key!r}; known keys are {', '.join(KEYS)}")
        if key in fields:
            raise _LineError(number, f"{key!r} is given twice (first on line {fields[key].line})")
        current = _Field(line=number)
        fields[key] = current
        open_list = None
        if value in {"|", ">", "|-", ">-", "|+", ">+"}:
            raise _LineError(number, f"{key!r}: multi-line values are not supported")
        if key == "tags" and value.startswith("["):
            current.items = _flow_list(value, number)
        elif value:
            current.value = _scalar(value, number)
        else:
            open_list = current  # an empty value: `- item` lines may follow
    return fields


def _parse_date(text: str, line: int, zone: tzinfo) -> datetime:
    problem = f"'date' must be YYYY-MM-DD or an ISO date-time, got {text!r}"
    try:
        if _DATE.match(text):
            moment = datetime.combine(date.fromisoformat(text), time(0), tzinfo=zone)
            moment.astimezone(UTC)
            return moment
        if _DATETIME.match(text):
            moment = datetime.fromisoformat(text)
            moment = moment if moment.tzinfo else moment.replace(tzinfo=zone)
            moment.astimezone(UTC)  # the database stores UTC: the instant must exist there
            return moment
    except (ValueError, OverflowError):
        pass
    raise _LineError(line, problem)


def _single(fields: dict[str, _Field], key: str) -> str:
    found = fields.get(key)
    if found is None:
        return ""
    if found.items is not None:
        raise _LineError(found.line, f"{key!r} takes a single value, not a list")
    return (found.value or "").strip()


def parse_post(text: str, *, path: Path | str, zone: tzinfo) -> PostSource:
    """Read one file's text into a checked PostSource, or raise ImportFailed naming the line."""
    try:
        header, body, body_line = _split_front_matter(text)
        fields = _read_fields(header)
        lines = {key: found.line for key, found in fields.items()}
        for key, limit in _MAX_LENGTHS.items():
            if len(_single(fields, key)) > limit:
                raise _LineError(lines[key], f"{key!r} is longer than {limit} characters")

        title = _single(fields, "title")
        if not title:
            raise _LineError(lines.get("title", 1), "'title' is required and must not be empty")

        slug = _single(fields, "slug") or slugify(title)[:200].strip("-")
        if not slug:
            raise _LineError(lines["title"], "no slug can be made from the title; add 'slug:'")
        if not _SLUG.match(slug):
            raise _LineError(
                lines.get("slug", lines["title"]),
                f"'slug' may hold only letters, digits, '-' and '_', got {slug!r}",
            )

        raw_date = _single(fields, "date")
        published_at = _parse_date(raw_date, lines["date"], zone) if raw_date else None

        status = _single(fields, "status") or PostStatus.DRAFT
        if status not in PostStatus.values:
            raise _LineError(
                lines["status"], f"'status' must be draft or published, got {status!r}"
            )

        tags: list[str] = []
        if "tags" in fields:
            found = fields["tags"]
            names = found.items if found.items is not None else []
            if found.value:
                names = [found.value]  # `tags: psoas` is a list of one
            for name in names:
                name = " ".join(name.split())
                if not slugify(name):
                    raise _LineError(
                        found.line,
                        f"the tag {name!r} needs a letter or digit (a-z, 0-9)",
                    )
                if len(name) > 60:
                    raise _LineError(found.line, f"the tag {name!r} is longer than 60 characters")
                if slugify(name) not in {slugify(seen) for seen in tags}:
                    tags.append(name)

        body = body.strip("\n").rstrip()
        if not body.strip():
            raise _LineError(body_line, "the article has no text after the front matter")
    except _LineError as problem:
        raise ImportFailed(path, problem.message, problem.line) from None

    return PostSource(
        path=str(path),
        title=title,
        slug=slug,
        body=body + "\n",
        published_at=published_at,
        tags=tuple(tags),
        summary=_single(fields, "summary"),
        status=status,
        cover_alt=_single(fields, "cover_alt"),
        lines=lines,
    )


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        raise ImportFailed(path, "the file is not valid UTF-8 text", line) from None


def iter_markdown_files(directory: Path) -> Iterator[Path]:
    return iter(sorted(path for path in directory.glob("*.md") if path.is_file()))


def read_directory(directory: Path, *, zone: tzinfo) -> list[PostSource]:
    """Parse and check every `*.md` file in `directory` (not its subfolders), by name."""
    if not directory.is_dir():
        raise ImportFailed(directory, "not a directory")
    sources: list[PostSource] = []
    seen: dict[str, PostSource] = {}
    for path in iter_markdown_files(directory):
        source = parse_post(_read_text(path), path=path, zone=zone)
        if source.slug in seen:
            raise ImportFailed(
                path,
                f"the slug {source.slug!r} is already used by {seen[source.slug].path}",
                source.lines.get("slug", source.lines.get("title")),
            )
        seen[source.slug] = source
        sources.append(source)
    return sources


# --- Writing ------------------------------------------------------------------------------------


def _tag_for(name: str) -> Tag:
    """The tag with this name's slug (or this exact name), created when there is none."""
    slug = slugify(name)[:60]
    existing = Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name=name).first()
    if existing is not None:
        return existing
    return Tag.objects.create(name=name, slug=slug)


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
