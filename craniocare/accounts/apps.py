from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True  # this module holds two configs; INSTALLED_APPS "craniocare.accounts" is this
    name = "craniocare.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .receivers import on_user_logged_in

        user_logged_in.connect(on_user_logged_in, dispatch_uid="craniocare.accounts.signed_in")


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with StaffAdminSite as admin.site: staff only, after MFA."""

    default = False
    default_site = "craniocare.accounts.admin_site.StaffAdminSite"
