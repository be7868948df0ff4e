from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "craniocare.blog"
    label = "blog"

    def ready(self) -> None:
        from craniocare.core.content_version import register_public_content

        from .models import Post, Tag

        # Shown on public pages: a change invalidates the page cache.
        register_public_content(Post, Tag, relations=[Post.tags.through])
