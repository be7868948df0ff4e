"""The demo tests share the blog's fixtures: the practice and an isolated media folder."""

from tests.blog.fixtures import *  # noqa: F403
