from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "craniocare.catalog"
    label = "catalog"

    def ready(self) -> None:
        from craniocare.core.content_version import register_public_content

        from .models import Service

        register_public_content(Service)  # shown on public pages: invalidate the cache

        from craniocare.core.availability_version import (
            PRACTICE,
            track_availability,
            track_practice_m2m,
        )

        # Durations, buffers, notice and who offers a service change free times.
        track_availability(Service, lambda service: [PRACTICE])
        track_practice_m2m(Service.practitioners.through)
