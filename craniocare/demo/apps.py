from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "craniocare.demo"
    label = "demo"
    verbose_name = "Demo practice"
