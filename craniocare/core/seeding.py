"""The demo practice (DESIGN.md §4): idempotent, safe to run on any configured database."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from craniocare.catalog.models import Service
from craniocare.website.models import FaqEntry, Page, PageKey

from . import demo_content as demo
from .models import PracticeProfile


@dataclass
class SeedReport:
    created_users: list[str]
    password: str | None  # set when this run chose or set the demo password


def seed_practice() -> None:
    profile = PracticeProfile.objects.filter(pk=1).first() or PracticeProfile(pk=1)
    for field, value in demo.PRACTICE.items():
        setattr(profile, field, value)
    profile.save()


def seed_pages() -> None:
    pages = {
        PageKey.HOME: demo.HOME,
        PageKey.ABOUT: demo.ABOUT,
        PageKey.SERVICES: demo.SERVICES_PAGE,
        PageKey.WHAT_TO_EXPECT: demo.WHAT_TO_EXPECT,
        PageKey.FAQ: demo.FAQ_PAGE,
    }
    for key, values in pages.items():
        Page.objects.update_or_create(key=key, defaults=values)
    for position, (question, answer) in enumerate(demo.FAQ, start=1):
        FaqEntry.objects.update_or_create(
            question=question, defaults={"answer": answer, "position": position}
        )


def seed_services() -> None:
    for values in demo.SERVICES:
        fields = {**demo.SERVICE_DEFAULTS, **values}
        slug = str(fields.pop("slug"))
        service = Service.objects.filter(slug=slug).first() or Service(slug=slug)
        for field, value in fields.items():
            setattr(service, field, value)
        service.full_clean()
        service.save()


def seed_users() -> SeedReport:
    """Creates the demo sign-ins. DEMO_PASSWORD (if set) becomes everyone's password;
    otherwise new users get a generated one, which is printed and kept in tmp/ for `make run`."""
    user_model = get_user_model()
    password = os.environ.get("DEMO_PASSWORD") or None
    existing = set(
        user_model.objects.filter(email__in=[u[0] for u in demo.USERS]).values_list(
            "email", flat=True
        )
    )
    missing = [u for u in demo.USERS if u[0] not in existing]
    if password is None and missing:
        password = _remembered_password() or secrets.token_urlsafe(12)
    created = []
    for email, first, last, role, staff in demo.USERS:
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


def seed_demo() -> SeedReport:
    from craniocare.blog.demo import seed_posts
    from craniocare.bookings.demo import seed_schedule_and_bookings

    with transaction.atomic():
        seed_practice()
        seed_pages()
        seed_services()
        report = seed_users()
        seed_schedule_and_bookings()
    seed_posts()
    return report
