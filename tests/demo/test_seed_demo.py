import ast
import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

import craniocare
from craniocare.accounts.permissions import is_front_desk, is_practitioner
from craniocare.blog.models import Post
from craniocare.bookings.models import Booking
from craniocare.catalog.models import Service
from craniocare.clients.models import Client
from craniocare.core.models import PracticeProfile
from craniocare.demo.posts import ARTICLES
from craniocare.scheduling.models import Practitioner, WorkingHours
from craniocare.website.models import FaqEntry, Page

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "services": Service.objects.count(),
        "pages": Page.objects.count(),
        "faq": FaqEntry.objects.count(),
        "practitioners": Practitioner.objects.count(),
        "hours": WorkingHours.objects.count(),
        "bookings": Booking.objects.count(),
        "clients": Client.objects.count(),
    }


def test_it_seeds_the_demo_practice_as_the_design_says(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    call_command("seed_demo")
    profile = PracticeProfile.load()
    assert profile.name == "Serena CranioCare"
    assert profile.time_zone == "America/Toronto"
    assert profile.currency == "CAD"
    services = {s.slug: s for s in Service.objects.all()}
    expected = {
        "craniosacral-60": (60, 15, "120.00"),
        "craniosacral-90": (90, 15, "165.00"),
        "jaw-tmj-60": (60, 15, "130.00"),
        "somatic-release-60": (60, 15, "125.00"),
    }
    for slug, (minutes, buffer_after, price) in expected.items():
        service = services[slug]
        assert (service.duration_minutes, service.buffer_after_minutes, str(service.price)) == (
            minutes,
            buffer_after,
            price,
        )
        assert service.slot_step_minutes == 30
        assert service.min_notice_minutes == 12 * 60
        assert service.booking_window_days == 180
        assert service.cancellation_cutoff_hours == 24
    assert services["jaw-tmj-60"].needs_intraoral_consent
    assert not services["craniosacral-60"].needs_intraoral_consent
    user_model = get_user_model()
    serena = user_model.objects.get(email="serena@example.com")
    frank = user_model.objects.get(email="frank@example.com")
    pia = user_model.objects.get(email="pia@example.com")
    assert is_practitioner(serena) and is_front_desk(frank) and is_practitioner(pia)
    # Two practitioners, each with their own services: Serena's three, Pia's one.
    assert sorted(serena.practitioner.services.values_list("slug", flat=True)) == [
        "craniosacral-60",
        "craniosacral-90",
        "jaw-tmj-60",
    ]
    assert list(pia.practitioner.services.values_list("slug", flat=True)) == ["somatic-release-60"]
    assert pia.practitioner.working_hours.exists()
    assert pia.practitioner.bookings.exclude(notes="").exists()
    emails = [
        "serena@example.com",
        "pia@example.com",
        "frank@example.com",
        "alice@example.com",
        "bob@example.com",
    ]
    for email in emails:
        assert user_model.objects.get(email=email).check_password("a-demo-password-1")


def test_it_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first


def test_it_prints_a_generated_password_when_none_is_given(monkeypatch, settings, tmp_path, capsys):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    settings.CRANIOCARE_DEMO_PASSWORD_FILE = tmp_path / "demo-password.txt"
    call_command("seed_demo")
    out = capsys.readouterr().out
    password = out.split("Demo password: ")[1].split()[0]
    assert get_user_model().objects.get(email="serena@example.com").check_password(password)
    # A second run keeps that password and says so.
    call_command("seed_demo")
    assert "kept their passwords" in capsys.readouterr().out
    assert get_user_model().objects.get(email="alice@example.com").check_password(password)


def test_it_leaves_a_populated_database_alone_with_if_empty(monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    PracticeProfile.objects.create(name="Another Practice")
    call_command("seed_demo", "--if-empty")
    assert PracticeProfile.load().name == "Another Practice"
    assert Service.objects.count() == 0


def test_it_sends_nothing(monkeypatch, smtp_server, django_capture_on_commit_callbacks):
    """Every write path the demo uses is told to send nothing; a real SMTP server receives none."""
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("seed_demo")
    assert Booking.objects.exists() and callbacks
    assert smtp_server.messages == []


def test_its_articles_are_what_import_posts_loads(monkeypatch, media_root):
    """The demo articles are plain Markdown files: `manage.py import_posts` reads them as is."""
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    call_command("seed_demo")
    seeded = {p.slug: (p.title, p.body, p.status, p.cover.read()) for p in Post.objects.all()}
    Post.objects.all().delete()
    call_command("import_posts", str(ARTICLES), stdout=io.StringIO())
    imported = {p.slug: (p.title, p.body, p.status, p.cover.read()) for p in Post.objects.all()}
    assert imported == seeded and len(seeded) == 5


def test_no_app_imports_the_demo():
    """The demo is the top layer: only settings name it (and the tests use it)."""
    package = Path(craniocare.__file__).parent
    for path in package.rglob("*.py"):
        if path.is_relative_to(package / "demo") or path.is_relative_to(package / "settings"):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = (
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            assert not any(name.startswith("craniocare.demo") for name in names), path
