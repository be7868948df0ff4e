"""Read Markdown articles with front matter, as written in most static-site generators.

A file looks like this:

    ---
    title: "The psoas: a deep muscle with a long reach"
    slug: psoas-deep-muscle
    date: 2024-05-02
    tags: [psoas, "jaw & TMJ"]
    summary: How a muscle deep in the pelvis takes part in posture and breath.
    status: published
    cover: psoas.webp
    cover_alt: Soft sage and clay shapes on cream
    ---
    The Markdown body starts here.

The front matter is YAML: python-frontmatter finds and splits it, PyYAML's SafeLoader reads it
(nothing but text, lists and mappings; no Python objects), and the checks below name the line:

- known keys only: title, slug, date, tags, summary, status, cover, cover_alt, each given once.
  Only title is required. Every value is read as text (`yes` stays "yes", a date stays as written).
- tags are a YAML list (`[a, "b, c"]` or `- item` lines) or a single tag.
- date is `YYYY-MM-DD` (midnight) or an ISO 8601 date-time; without an offset it is read in
  the practice's time zone.
- status is `draft` (the default: nothing goes public unless the file says so) or `published`.
- slug defaults to the slugified title.
- cover is the path of an image (jpg, jpeg, png or webp), relative to the Markdown file's
  folder. It becomes the post's cover; importing again stores it again only when the image has
  changed (or its stored copy has gone). Without `cover` a post keeps the cover it has.

Every file is read and checked here before anything is written (importing.py writes them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path

import yaml
from django.utils.text import slugify
from frontmatter.default_handlers import YAMLHandler
from PIL import Image

from .models import PostStatus

KEYS = ("title", "slug", "date", "tags", "summary", "status", "cover", "cover_alt")
COVER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")  # Post.cover's allowed extensions
COVER_KINDS = "jpg, jpeg, png or webp"
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
    cover: Path | None = None
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


@dataclass
class _Field:
    line: int
    value: str | None = None
    items: list[str] | None = None


def _split_front_matter(text: str) -> tuple[str, int, str, int]:
    """The front matter, the file line before its first line, the body and the body's line."""
    handler = YAMLHandler()
    opening = handler.FM_BOUNDARY.match(text)
    if opening is None:
        raise _LineError(1, "the file must start with front matter: a line with only '---'")
    try:
        header, body = handler.split(text)
    except ValueError:
        raise _LineError(
            1, "the front matter opened here is never closed with a '---' line"
        ) from None
    offset = text.count("\n", 0, opening.end())
    closing_line = offset + header.count("\n") + 1
    return header, offset, body, closing_line + 1


def _yaml_problem(problem: yaml.YAMLError, header: str, offset: int) -> _LineError:
    """A YAML error as a line of the file and a short message."""
    if isinstance(problem, yaml.reader.ReaderError):
        code = problem.character if isinstance(problem.character, int) else ord(problem.character)
        line = header.count("\n", 0, problem.position) + offset + 1
        return _LineError(line, f"the front matter holds a character YAML refuses (#x{code:04x})")
    mark = getattr(problem, "problem_mark", None)
    context = getattr(problem, "context_mark", None)
    # A scanner error's context is the token being read (an unclosed quote, a line without
    # ':'), and an error at the end of the stream is about what came before: those lines are
    # the ones to fix.
    at_end = mark is not None and not header[mark.index :].strip()
    if context is not None and (isinstance(problem, yaml.scanner.ScannerError) or at_end):
        mark = context
    line = offset + (mark.line if mark is not None else 0) + 1
    message = getattr(problem, "problem", None) or "unreadable"
    if getattr(problem, "context", None):
        message = f"{problem.context}, {message}"  # type: ignore[attr-defined]
    return _LineError(line, f"the front matter is not valid YAML: {message}")


def _text_items(node: yaml.Node, key: str) -> list[str]:
    items: list[str] = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode):
            raise _LineError(item.start_mark.line, f"{key!r}: each item must be plain text")
        if not item.value.strip():
            raise _LineError(item.start_mark.line, "the list has an empty item")
        items.append(item.value)
    return items


def _read_fields(header: str, offset: int) -> dict[str, _Field]:
    # Composed, not constructed: the nodes keep their lines, and every value stays text.
    try:
        loader = yaml.SafeLoader(header)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as problem:
        raise _yaml_problem(problem, header, offset) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise _LineError(
            offset + root.start_mark.line + 1, "the front matter must be 'key: value' lines"
        )
    fields: dict[str, _Field] = {}
    for key_node, value_node in root.value:
        number = offset + key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in KEYS:
            shown = repr(key) if key is not None else "that is not text"
            raise _LineError(number, f"unknown key {shown}; known keys are {', '.join(KEYS)}")
        if key in fields:
            raise _LineError(number, f"{key!r} is given twice (first on line {fields[key].line})")
        current = _Field(line=number)
        if isinstance(value_node, yaml.SequenceNode):
            try:
                current.items = _text_items(value_node, key)
            except _LineError as problem:
                raise _LineError(offset + problem.line + 1, problem.message) from None
        elif isinstance(value_node, yaml.ScalarNode):
            current.value = value_node.value
        else:
            raise _LineError(number, f"{key!r} takes text or a list, not a mapping")
        fields[key] = current
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


def _cover_image(text: str, line: int, folder: Path) -> Path:
    """The readable image `text` names, relative to `folder` (the Markdown file's folder)."""
    if Path(text).is_absolute() or Path(text).suffix.lower() not in COVER_SUFFIXES:
        raise _LineError(line, f"'cover' must be a relative path to a {COVER_KINDS} image")
    try:
        with Image.open(folder / text) as opened:
            opened.verify()
    except FileNotFoundError:
        raise _LineError(line, f"the cover image {text!r} is not in {folder}") from None
    except (OSError, SyntaxError, ValueError):  # what Pillow raises for files it cannot read
        raise _LineError(line, f"the cover {text!r} is not an image that can be read") from None
    return folder / text


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
        header, offset, body, body_line = _split_front_matter(text)
        fields = _read_fields(header, offset)
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

        raw_cover = _single(fields, "cover")
        cover = _cover_image(raw_cover, lines["cover"], Path(path).parent) if raw_cover else None

        body = body.replace("\r\n", "\n").strip("\n").rstrip()
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
        cover=cover,
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
