from django.apps import AppConfig


class ClinicalConfig(AppConfig):
    name = "craniocare.clinical"
    label = "clinical"
    verbose_name = "Clinical records"

    def ready(self) -> None:
        from .own import register as register_record_section

        # Signed notes and their addenda in the client's own record (clients/records.py).
        register_record_section()
