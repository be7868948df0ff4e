"""The demo's sign-ins: two practitioners, a front-desk colleague and two clients.

accounts' only user write path, `staff_invite`, emails an invitation link and leaves the
password unusable; the demo needs sign-ins with a known password and sends nothing, so it writes
the users itself (with Django's password hashing).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

USERS = [
    # email, first name, last name, role, staff
    ("serena@example.com", "Serena", "Hale", "practitioner", True),
    ("pia@example.com", "Pia", "Lindqvist", "practitioner", True),
    ("frank@example.com", "Frank", "Okafor", "front_desk", True),
    ("alice@example.com", "Alice", "Martin", "client", False),
    ("bob@example.com", "Bob", "Nguyen", "client", False),
]


@dataclass
class SeedReport:
    created_users: list[str]
    password: str | None  # set when this run chose or set the demo password


def seed_users() -> SeedReport:
    """Creates the demo sign-ins. DEMO_PASSWORD (if set) becomes everyone's password;
    otherwise new users get a generated one, which is printed and kept in tmp/ for `make run`."""
    user_model = get_user_model()
    password = os.environ.get("DEMO_PASSWORD") or None
    existing = set(
        user_model.objects.filter(email__in=[u[0] for u in USERS]).values_list("email", flat=True)
    )
    missing = [u for u in USERS if u[0] not in existing]
    if password is None and missing:
        password = _remembered_password() or secrets.token_urlsafe(12)
    created = []
    for email, first, last, role, staff in USERS:
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model(email=email)
            created.append(email)
        elif not os.environ.get("DEMO_PASSWORD"):
            continue  # keep an existing user's password unless DEMO_PASSWORD asks otherwise
        user.first_name, user.last_name = first, last
        user.role = role
        user.is_staff = staff
        user.set_password(password)
        user.save()
    if password and created and not os.environ.get("DEMO_PASSWORD"):
        _remember_password(password)
    shown = password if created or os.environ.get("DEMO_PASSWORD") else None
    return SeedReport(created_users=created, password=shown)


def _remembered_password() -> str | None:
    path = settings.CRANIOCARE_DEMO_PASSWORD_FILE
    return path.read_text().strip() if path.exists() else None


def _remember_password(password: str) -> None:
    path = settings.CRANIOCARE_DEMO_PASSWORD_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n")
    path.chmod(0o600)
