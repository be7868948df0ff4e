from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "craniocare.website"
    label = "website"

    def ready(self) -> None:
        from craniocare.core.content_version import register_public_content

        from .models import FaqEntry, Page

        register_public_content(Page, FaqEntry)  # shown on public pages: invalidate the cache
