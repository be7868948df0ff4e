import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_it_sends_security_headers_on_every_page(client):
    response = client.get(reverse("website:home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_it_has_no_inline_scripts_or_third_party_assets(client, demo_site):
    html = client.get(reverse("website:home")).content.decode()
    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or 'type="application/ld+json"' in opening
    assert "https://" not in "".join(part.split('"')[1] for part in html.split('src="')[1:]), (
        "every src must be same-origin"
    )


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    dropped = {"DEBUG", "SECRET_KEY", "CRANIOCARE_TLS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="off",
        SECRET_KEY="a-long-random-production-key-" + "x7Qp2" * 10,
        ALLOWED_HOSTS="craniocare.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_fails_the_deploy_check_with_the_development_key():
    result = run_manage("check", "--deploy", DEBUG="off")
    assert result.returncode != 0
    assert "craniocare.E001" in result.stderr + result.stdout


def test_it_refuses_to_serve_with_the_development_key():
    code = "import craniocare.wsgi"
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env["DEBUG"] = "off"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "development SECRET_KEY" in result.stderr


def test_it_secures_cookies_and_redirects_to_https_when_tls_is_on():
    probe = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_manage("shell", "-c", probe, DEBUG="off", SECRET_KEY="k" * 60)
    assert result.stdout.strip().splitlines()[-1].split()[:4] == [
        "True",
        "True",
        "True",
        "31536000",
    ]
    off = run_manage("shell", "-c", probe, DEBUG="off", SECRET_KEY="k" * 60, CRANIOCARE_TLS="off")
    assert off.stdout.strip().splitlines()[-1].split()[:3] == ["False", "False", "False"]
