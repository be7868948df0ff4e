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

        from craniocare.core.availability_version import (
            PRACTICE,
            practitioner_scope,
            track_availability,
        )

        from .models import DateOverride, HolidayOpening, TimeOff

        # Every write that changes free times bumps a version in the same transaction, so
        # cached availability is never stale (craniocare/core/availability_version.py).
        track_availability(Practitioner, lambda practitioner: [PRACTICE])
        for model in (WorkingHours, DateOverride, TimeOff, HolidayOpening):
            track_availability(model, lambda row: [practitioner_scope(row.practitioner_id)])
