from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "craniocare.contact"
    label = "contact"
