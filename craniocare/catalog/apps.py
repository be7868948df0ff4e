from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "craniocare.catalog"
    label = "catalog"

    def ready(self) -> None:
        from craniocare.core.content_version import register_public_content

        from .models import Service

        register_public_content(Service)  # shown on public pages: invalidate the cache
