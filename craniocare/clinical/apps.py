from django.apps import AppConfig


class ClinicalConfig(AppConfig):
    name = "craniocare.clinical"
    label = "clinical"
    verbose_name = "Clinical records"

    def ready(self) -> None:
        from craniocare.outbox.schedule import register_periodic

        from .own import register as register_record_section
        from .retention_job import retention_daily

        # Signed notes and their addenda in the client's own record (clients/records.py).
        register_record_section()
        # The daily retention run in the worker's sweep.
        register_periodic("retention", retention_daily)
