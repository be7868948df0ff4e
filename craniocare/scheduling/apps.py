from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "craniocare.scheduling"
    label = "scheduling"
    verbose_name = "Scheduling"
