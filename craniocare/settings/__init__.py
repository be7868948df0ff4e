"""CranioCare settings: driven by environment variables, safe defaults for a laptop.

This module holds the site (apps, database, sign-in, security); `operations.py` the practice's
running operations (mail, worker, backups, retention), imported at the end; `env.py` how
variables are read. Every variable is documented in README.md under "Configuration".
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext

# Lets classes such as admin.ModelAdmin[Post] be subscripted at run time, as the stubs allow.
django_stubs_ext.monkeypatch()

from .env import BASE_DIR, DEBUG, TESTING, env_bool, env_list  # noqa: E402

# The development key stands in when SECRET_KEY is unset, so that management commands work on a
# laptop; the server refuses it unless DEBUG is on (craniocare/wsgi.py, `make serve`,
# `manage.py check --deploy`).
DEV_SECRET_KEY = "django-insecure-craniocare-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "") or DEV_SECRET_KEY
USING_DEV_SECRET_KEY = SECRET_KEY == DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "craniocare.accounts.apps.StaffAdminConfig",  # django.contrib.admin, behind MFA
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # Django's form templates for core.forms.FieldTemplates (TemplatesSetting)
    "django_htmx",
    "template_partials",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "craniocare.core",
    "craniocare.outbox",
    "craniocare.accounts",
    "craniocare.catalog",
    "craniocare.website",
    "craniocare.blog",
    "craniocare.contact",
    "craniocare.scheduling",
    "craniocare.clients",
    "craniocare.audit",
    "craniocare.bookings",
    "craniocare.intake",
    "craniocare.clinical",
    "craniocare.waitlist",
    "craniocare.notifications",
    "craniocare.portal",
    "craniocare.office",
    "craniocare.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "craniocare.core.middleware.PrivatePagesMiddleware",  # no-store for pages with people's data
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff only: idle and absolute session timeouts, MFA before /office/, /admin/, /accounts/.
    "craniocare.accounts.middleware.StaffAccessMiddleware",
    "craniocare.office.middleware.PracticeTimeZoneMiddleware",  # /office/ shows local times
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "craniocare.urls"
WSGI_APPLICATION = "craniocare.wsgi.application"
ASGI_APPLICATION = "craniocare.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "craniocare.core.context_processors.practice",
                "craniocare.website.context_processors.structured_data",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# SQLite by default: WAL journal, IMMEDIATE transactions (writers queue instead of failing with
# "database is locked") and a busy timeout. DATABASE_URL switches to PostgreSQL.
SQLITE_PATH = Path(os.environ.get("CRANIOCARE_SQLITE_PATH", BASE_DIR / "db.sqlite3"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES: dict[str, dict[str, Any]]
if DATABASE_URL:
    DATABASES = {"default": dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60))}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"].setdefault("OPTIONS", {})
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
    # A file (not :memory:) so that concurrency tests use real connections; one per test run.
    TEST_DB_DIR = BASE_DIR / "tmp"
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_DB_DIR / f"test-db-{os.getpid()}.sqlite3")}
    if TESTING:
        TEST_DB_DIR.mkdir(exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests hash many passwords and prove nothing by waiting.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Caches -------------------------------------------------------------------------------------
# "default" is database-backed, so everything counted through it is shared by every worker
# process: our rate limits (core.ratelimit), the content version that invalidates the page cache,
# and allauth's login-throttling counters and used-TOTP-code marks (allauth always uses
# "default"). "pages" is per process and fast, for small caches of content (the practice
# profile). createcachetable creates the table of "default" (the make targets run it).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "craniocare_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "craniocare-pages",
    },
}
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("CRANIOCARE_PAGE_CACHE_SECONDS", "60"))

# Rate limits: "off" disables them (load tests only). Otherwise "<count>/<seconds>" per rule.
RATELIMITS_ENABLED = os.environ.get("CRANIOCARE_RATELIMITS", "on").strip().lower() != "off"
# Reverse proxies whose X-Forwarded-For names the visitor (e.g. "127.0.0.1" for nginx on the
# same machine). Rate limits count per visitor address.
TRUSTED_PROXIES = frozenset(env_list("CRANIOCARE_TRUSTED_PROXIES", ""))
RATELIMITS = {
    "contact": (5, 3600),
    "api_read": (120, 60),
    "api_booking": (30, 60),
    "booking_web": (20, 3600),
    "waitlist": (10, 3600),
}

# --- Sign-in (django-allauth), MFA and staff sessions -----------------------------------------
# Staff sign in with email + password, then a TOTP code (docs/office.md).
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "office:today"  # staff; the adapter sends anyone else to the home page
ACCOUNT_ADAPTER = "craniocare.accounts.adapters.AccountAdapter"  # sign-up closed, mail, messages
MFA_ADAPTER = "craniocare.accounts.adapters.MFAAdapter"  # staff cannot switch TOTP off
# The set-up page keeps its pending key across reloads (craniocare/accounts/forms.py).
MFA_FORMS = {"activate_totp": "craniocare.accounts.forms.KeepPendingKeyTOTPForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# The practice creates staff accounts (there is no public sign-up), so addresses are not
# verified by mail; MFA enrolment must not wait for a verification that never comes.
ACCOUNT_EMAIL_VERIFICATION = "none"
MFA_ALLOW_UNVERIFIED_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False  # no "remember me": the session cookie ends with the browser
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset request for an unknown address mails nobody
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell people when their password or MFA changes
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # the adapter prefixes the practice's name
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Clients sign in to their portal with a one-time code sent by email (allauth's login by code):
# clients who booked online get their sign-in on their first request (craniocare/portal/forms.py).
# A code works once, for CRANIOCARE_LOGIN_CODE_MINUTES, and ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS
# wrong tries end it. Staff never sign in by code: they keep their password and MFA.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 60 * int(os.environ.get("CRANIOCARE_LOGIN_CODE_MINUTES", "10"))
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_FORMS = {
    "request_login_code": "craniocare.portal.forms.ClientLoginCodeForm",
    "confirm_login_code": "craniocare.portal.forms.ClientConfirmCodeForm",
}
# Accept the code of the neighbouring 30-second step too (RFC 6238 section 5.2): a phone clock a
# few seconds off, or a code typed as it rolls over, still works. Each code is still usable once.
MFA_TOTP_TOLERANCE = 1
# Login throttling (craniocare.accounts.throttling words the refusals):
# - per account: after LOGIN_LOCKOUT_ATTEMPTS wrong passwords (or TOTP codes) for one account,
#   signing in to it pauses for LOGIN_LOCKOUT_MINUTES;
# - per address: LOGIN_ADDRESS_ATTEMPTS_PER_HOUR failed sign-ins from one address in an hour (and
#   twice as many sign-in posts of any kind). A whole office behind one NAT or proxy shares an
#   address, so this is set where only a script gets to; the address is the visitor's, read
#   through CRANIOCARE_TRUSTED_PROXIES (the account adapter's get_client_ip).
# The account's rate comes first: a locked account's further attempts are refused before they
# count against the address. allauth keeps its counters in the "default" cache, the database
# one, so that every worker process sees the same counts.
LOGIN_LOCKOUT_ATTEMPTS = int(os.environ.get("CRANIOCARE_LOGIN_LOCKOUT_ATTEMPTS", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("CRANIOCARE_LOGIN_LOCKOUT_MINUTES", "15"))
LOGIN_ADDRESS_ATTEMPTS_PER_HOUR = int(
    os.environ.get("CRANIOCARE_LOGIN_ADDRESS_ATTEMPTS_PER_HOUR", "300")
)
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login_failed": (
        f"{LOGIN_LOCKOUT_ATTEMPTS}/{LOGIN_LOCKOUT_MINUTES}m/key,"
        f"{LOGIN_ADDRESS_ATTEMPTS_PER_HOUR}/60m/ip"
    ),
    "login": f"{2 * LOGIN_ADDRESS_ATTEMPTS_PER_HOUR}/60m/ip",
}
MFA_RATE_LIMITS: dict[str, str] | bool = {}
if not RATELIMITS_ENABLED:  # CRANIOCARE_RATELIMITS=off: load tests only
    ACCOUNT_RATE_LIMITS = MFA_RATE_LIMITS = False
# Staff sessions end after STAFF_IDLE_TIMEOUT without a request, and STAFF_SESSION_MAX_AGE after
# signing in whatever happens (craniocare.accounts.middleware). No session cookie outlives that.
IDLE_TIMEOUT_MINUTES = int(os.environ.get("CRANIOCARE_IDLE_TIMEOUT_MINUTES", "30"))
STAFF_IDLE_TIMEOUT = timedelta(minutes=IDLE_TIMEOUT_MINUTES)
SESSION_MAX_HOURS = int(os.environ.get("CRANIOCARE_SESSION_MAX_HOURS", "12"))
STAFF_SESSION_MAX_AGE = timedelta(hours=SESSION_MAX_HOURS)
SESSION_COOKIE_AGE = int(STAFF_SESSION_MAX_AGE.total_seconds())

# --- i18n / time ----------------------------------------------------------------------------------
LANGUAGE_CODE = "en-ca"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("CRANIOCARE_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("CRANIOCARE_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 30 if not DEBUG else 0
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- Security -------------------------------------------------------------------------------------
# CRANIOCARE_TLS is on by default when DEBUG is off: the site sits behind a TLS proxy.
TLS = env_bool("CRANIOCARE_TLS", not (DEBUG or TESTING))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
if TLS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Content Security Policy: no inline scripts, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "INFO" if DEBUG else "WARNING"},
        "fontTools": {"level": "WARNING"},  # fpdf2 subsets fonts; its steps are not news
    },
}

# Mail, outbox and worker, texts, health checks, retention and backups.
from .operations import *  # noqa: E402, F403
