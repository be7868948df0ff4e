from django.apps import AppConfig


class ClinicalConfig(AppConfig):
    name = "craniocare.clinical"
    label = "clinical"
    verbose_name = "Clinical records"
