from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "craniocare.catalog"
    label = "catalog"
