"""The settings of the practice's running operations: mail, the outbox and its worker, texts,
health checks, retention and backups. Part of craniocare.settings (imported at its end);
every variable is documented in README.md under "Configuration"."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .env import BASE_DIR, DEBUG, TESTING, env_bool

# --- Email ----------------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds to wait for the mail server at each step; only the worker talks to it.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CranioCare <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")  # absolute links in emails
# How long a client's intake and consent link works (craniocare/intake/tokens.py).
INTAKE_LINK_MAX_AGE_DAYS = int(os.environ.get("INTAKE_LINK_MAX_AGE_DAYS", "30"))
# The right-hand side of every calendar UID (`<booking uid>@<domain>`): fixed per install, never
# the request's Host, so a subscriber who changes address sees each event once.
CALENDAR_UID_DOMAIN = os.environ.get("CALENDAR_UID_DOMAIN") or (
    urlsplit(SITE_URL).hostname or "craniocare"
)
if "EMAIL_BACKEND" in os.environ:
    EMAIL_BACKEND = os.environ["EMAIL_BACKEND"]
elif DEBUG and "EMAIL_HOST" not in os.environ:
    # Development without an SMTP server: mail is printed to the console.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# --- Outbox, worker, texts -----------------------------------------------------------------------
# Background work runs on django-tasks: the database queue by default (`make worker`), Redis Queue
# workers with TASKS_BACKEND=rq and REDIS_URL. The tests run tasks in-process ("immediate") unless a
# test starts real workers.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if TESTING else "db")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS: dict[str, dict[str, dict[str, Any]]] = {
    "db": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    "rq": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
    "immediate": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
}
TASKS = _TASK_BACKENDS[TASKS_BACKEND]
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}
WORKER_SWEEP_SECONDS = float(os.environ.get("WORKER_SWEEP_SECONDS", "10"))
WORKER_POLL_SECONDS = float(os.environ.get("WORKER_POLL_SECONDS", "0.5"))
# How long a waitlist offer holds a freed time for its person before it passes to the next.
WAITLIST_HOLD_MINUTES = int(os.environ.get("WAITLIST_HOLD_MINUTES", "30"))
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "8"))
OUTBOX_RETRY_BASE_SECONDS = float(os.environ.get("OUTBOX_RETRY_BASE_SECONDS", "30"))
OUTBOX_RETRY_MAX_SECONDS = float(os.environ.get("OUTBOX_RETRY_MAX_SECONDS", "3600"))
# A claim older than this is taken over: longer than two mail-server timeouts.
OUTBOX_LEASE_SECONDS = float(os.environ.get("OUTBOX_LEASE_SECONDS", "120"))
OUTBOX_BATCH_SIZE = 50
OUTBOX_KEEP_DAYS = int(os.environ.get("OUTBOX_KEEP_DAYS", "90"))  # sent messages, then removed
# /healthz fails when the newest worker heartbeat, the oldest due message or the last backup is
# older than these.
HEALTH_WORKER_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_WORKER_MAX_AGE_SECONDS", "120"))
HEALTH_OUTBOX_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_OUTBOX_MAX_AGE_SECONDS", "900"))
HEALTH_BACKUP_MAX_AGE_HOURS = int(os.environ.get("HEALTH_BACKUP_MAX_AGE_HOURS", "26"))
SMS_ENABLED = env_bool("SMS_ENABLED", False)
# Years a client's record is kept after its last entry (and, for a minor, after their 18th
# birthday): `manage.py purge_expired` removes records past it (clinical/purge.py), and the
# worker runs it daily unless RETENTION_PURGE_DAILY is off (clinical/retention_job.py).
RETENTION_YEARS = int(os.environ.get("RETENTION_YEARS", "10"))
RETENTION_PURGE_DAILY = env_bool("RETENTION_PURGE_DAILY", True)
SMS_BACKEND = os.environ.get("SMS_BACKEND", "craniocare.outbox.sms.ConsoleSmsBackend")

# --- Backups (craniocare/core/backups, README "Backups") ---------------------------------------
# `manage.py backup` writes one file per run into BACKUP_DIR and keeps the newest BACKUP_KEEP.
# With BACKUP_ENCRYPTION_KEY set (`manage.py backup --generate-key` makes one) backups are
# encrypted; keep the key apart from the backups: without it they cannot be restored.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "tmp" / "backups")
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP") or "14")
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")
# The worker writes a backup (and runs its restore drill) this often; 0 turns that off.
BACKUP_EVERY_HOURS = float(os.environ.get("BACKUP_EVERY_HOURS", "24"))
# Client records hold health information: unencrypted backups print a warning.
DATABASE_HOLDS_HEALTH_DATA = True
# Clinical notes left unsigned this long after they were started are a to-do on Today.
CLINICAL_UNSIGNED_NOTE_HOURS = int(os.environ.get("CRANIOCARE_UNSIGNED_NOTE_HOURS", "24"))

CRANIOCARE_DEMO_PASSWORD_FILE = BASE_DIR / "tmp" / "demo-password.txt"
