from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core.exceptions import ImproperlyConfigured


class AccountsConfig(AppConfig):
    default = True  # this module holds two configs; INSTALLED_APPS "craniocare.accounts" is this
    name = "craniocare.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .receivers import on_user_logged_in

        user_logged_in.connect(on_user_logged_in, dispatch_uid="craniocare.accounts.signed_in")
        share_allauth_counters()


def share_allauth_counters() -> None:
    """Keep allauth's login-throttling counters and used-TOTP-code marks in the shared cache.

    allauth stores both in Django's default cache, which here is per process (LocMemCache, for
    rendered pages): with several workers an attacker would get a fresh count of attempts from
    each one, and a TOTP code could be replayed on another worker. allauth has no setting for
    the cache alias, so its two modules are pointed at ``caches["shared"]`` (database-backed,
    like craniocare.core.ratelimit). Tested in tests/office/test_throttling.py; if an allauth
    upgrade moves these names, startup fails here instead of throttling silently per process.
    """
    from allauth.core.internal import ratelimit as allauth_ratelimit
    from allauth.mfa.totp.internal import auth as allauth_totp
    from django.core.cache import caches
    from django.utils.connection import ConnectionProxy

    shared = ConnectionProxy(caches, "shared")
    for module in (allauth_ratelimit, allauth_totp):
        if "cache" not in vars(module):
            raise ImproperlyConfigured(
                f"{module.__name__} no longer has a module-level `cache`; "
                "update craniocare.accounts.apps.share_allauth_counters."
            )
        vars(module)["cache"] = shared


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with StaffAdminSite as admin.site: staff only, after MFA."""

    default = False
    default_site = "craniocare.accounts.admin_site.StaffAdminSite"
