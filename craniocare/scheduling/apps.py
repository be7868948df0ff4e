from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "craniocare.scheduling"
    label = "scheduling"
    verbose_name = "Scheduling"

    def ready(self) -> None:
        from craniocare.core.content_version import register_public_content

        from .models import Practitioner, WorkingHours

        # Shown on public pages (who offers a service, opening hours): invalidate the cache.
        register_public_content(Practitioner, WorkingHours)
