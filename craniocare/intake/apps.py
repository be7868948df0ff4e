from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "craniocare.intake"
    label = "intake"
    verbose_name = "Intake and consent"

    def ready(self) -> None:
        # Bookings sits below intake: a booking's emails get the client's intake and consent
        # links through this hook (craniocare/bookings/links.py). The calendar's consent flag
        # comes from this app's template tags (templatetags/intake_flags.py).
        from craniocare.bookings.links import register_client_links

        from .hooks import IntakeClientLinks

        register_client_links(IntakeClientLinks())

        from craniocare.clients.records import register_client_tasks

        from .hooks import client_tasks
        from .own import register as register_record_sections

        # Intake answers and consents in the client's own record (craniocare/clients/records.py),
        # and what the client still has to do, in their portal.
        register_record_sections()
        register_client_tasks("intake", client_tasks)
