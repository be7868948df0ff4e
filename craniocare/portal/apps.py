from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "craniocare.portal"
    label = "portal"
    verbose_name = "Client portal"
