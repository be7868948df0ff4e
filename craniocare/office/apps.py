from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "craniocare.office"
    label = "office"
    verbose_name = "Back office"
