from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "craniocare.clients"
    label = "clients"
    verbose_name = "Clients"

    def ready(self) -> None:
        from .own_record import register

        # The first section of a client's own record (records.py).
        register()
