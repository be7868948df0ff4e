from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "craniocare.blog"
    label = "blog"
