from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from craniocare.blog.front_matter import ImportFailed, iter_markdown_files
from craniocare.blog.importing import import_posts


class Command(BaseCommand):
    help = (
        "Import Markdown articles (*.md with front matter) from DIR. Every file is checked "
        "first; one bad file means nothing is imported. Posts are matched by slug, so "
        "importing again updates them. Without 'status: published' a post stays a draft."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        if directory.is_dir() and next(iter_markdown_files(directory), None) is None:
            self.stderr.write(f"No *.md files in {directory}.")
        try:
            result = import_posts(directory)
        except ImportFailed as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(f"created {result.created}, updated {result.updated}")
