from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "craniocare.accounts"
    label = "accounts"
