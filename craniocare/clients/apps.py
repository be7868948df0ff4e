from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "craniocare.clients"
    label = "clients"
    verbose_name = "Clients"
