from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "craniocare.outbox"
    label = "outbox"
    verbose_name = "Outbox"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .housekeeping import housekeeping, nightly_backup
        from .schedule import register_periodic

        register_periodic("housekeeping", housekeeping)
        register_periodic("backup", nightly_backup)
