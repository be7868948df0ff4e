from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "craniocare.website"
    label = "website"
