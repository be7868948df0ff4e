"""The WSGI page cache (craniocare.core.pagecache), driven with real WSGI environs against the
real Django application and the real database."""

from __future__ import annotations

import gzip
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import path

from craniocare.blog.models import Post, PostStatus
from craniocare.core.caching import public_page
from craniocare.core.content_version import VERSION_KEY, bump_content_version, content_version
from craniocare.core.pagecache import MARKER_HEADER, PublicPageCache
from craniocare.website.models import FaqEntry, Page, PageKey

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

# --- A few views of our own, for what the site's pages never do (set a cookie) -------------

renders = {"count": 0}


@public_page
def counted_view(request: HttpRequest) -> HttpResponse:
    renders["count"] += 1
    return HttpResponse(f"render {renders['count']}")


@public_page
def cookie_view(request: HttpRequest) -> HttpResponse:
    renders["count"] += 1
    response = HttpResponse(f"render {renders['count']}")
    response.set_cookie("flavour", "oat")
    return response


urlpatterns = [path("counted/", counted_view), path("cookie/", cookie_view)]


# --- Calling the WSGI application -----------------------------------------------------------


class Answer:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def code(self) -> int:
        return int(self.status.split()[0])

    @property
    def text(self) -> str:
        return self.body.decode()

    def __getitem__(self, name: str) -> str:
        values = [v for n, v in self.headers if n.lower() == name.lower()]
        assert len(values) == 1, f"{name}: {values}"
        return values[0]

    def has(self, name: str) -> bool:
        return any(n.lower() == name.lower() for n, _ in self.headers)


@contextmanager
def inside_test_transaction() -> Iterator[None]:
    """As django.test.Client does: a request must not close the test's DB connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def call(app: Any, url: str, method: str = "GET", **headers: str) -> Answer:
    path_, _, query = url.partition("?")
    environ = RequestFactory().generic(method, path_).environ
    environ.update(headers)
    environ["QUERY_STRING"] = query
    started: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, response_headers: list[tuple[str, str]], exc: Any = None):
        started.append((status, response_headers))
        return lambda data: None

    with inside_test_transaction():
        result = app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    status, response_headers = started[-1]
    return Answer(status, list(response_headers), body)


@pytest.fixture
def pages(demo_site: None, settings: Any) -> Iterator[PublicPageCache]:
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    content_version.reset()
    yield PublicPageCache(get_wsgi_application())
    content_version.reset()


def set_about_intro(text: str) -> None:
    """Changes the page behind the cache's back: update() sends no signal."""
    Page.objects.filter(key=PageKey.ABOUT).update(intro=text)


# --- Hits ---------------------------------------------------------------------------------------


def test_it_serves_a_second_get_from_the_cache_with_identical_headers_and_body(pages):
    first = call(pages, "/about/")
    assert first.code == 200
    set_about_intro("Text the cache has not seen.")
    second = call(pages, "/about/")
    assert second.status == first.status
    assert second.headers == first.headers
    assert second.body == first.body
    assert "Text the cache has not seen." not in second.text

    bump_content_version()
    third = call(pages, "/about/")
    assert "Text the cache has not seen." in third.text


def test_it_keeps_every_header_and_removes_only_its_marker(pages):
    first = call(pages, "/")
    hit = call(pages, "/")
    for answer in (first, hit):
        assert not answer.has(MARKER_HEADER)
        assert "frame-ancestors 'none'" in answer["Content-Security-Policy"]
        assert answer["X-Content-Type-Options"] == "nosniff"
        assert answer["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert answer["X-Frame-Options"] == "DENY"
        assert answer["Content-Type"] == "text/html; charset=utf-8"
        assert answer["Content-Length"] == str(len(answer.body))
        vary = {v.strip() for v in answer["Vary"].split(",")}
        assert {"HX-Request", "Accept-Encoding"} <= vary
    assert hit.headers == first.headers


def test_it_does_not_enter_django_for_a_hit(pages, settings):
    settings.ROOT_URLCONF = __name__
    before = renders["count"]
    assert call(pages, "/counted/").text == f"render {before + 1}"
    assert call(pages, "/counted/").text == f"render {before + 1}"
    assert renders["count"] == before + 1


def test_it_answers_head_from_the_cached_get(pages):
    get = call(pages, "/faq/")
    set_about_intro("unrelated")
    head = call(pages, "/faq/", method="HEAD")
    assert head.headers == get.headers
    assert head.body == b""


def test_it_gzips_for_clients_that_accept_it(pages):
    plain = call(pages, "/")
    zipped = call(pages, "/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.body) == plain.body
    assert zipped["Content-Length"] == str(len(zipped.body)) and len(zipped.body) < len(plain.body)
    refused = call(pages, "/", HTTP_ACCEPT_ENCODING="gzip;q=0, identity")
    assert not refused.has("Content-Encoding") and refused.body == plain.body


def test_it_keys_on_the_forwarded_scheme_when_tls_is_on(pages, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = {"HTTP_HOST": "testserver", "HTTP_X_FORWARDED_PROTO": "https"}
    secure = call(pages, "/about/", **proxied)
    plain = call(pages, "/about/", HTTP_HOST="testserver")
    assert '<link rel="canonical" href="https://testserver/about/">' in secure.text
    assert '<link rel="canonical" href="http://testserver/about/">' in plain.text
    assert call(pages, "/about/", **proxied).body == secure.body
    assert len(pages) == 2


def test_it_keys_on_the_host(pages, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    call(pages, "/about/")
    other = call(pages, "/about/", HTTP_HOST="other.example")
    assert "http://other.example/about/" in other.text
    assert len(pages) == 2


# --- Misses and refusals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_COOKIE": "sessionid=abc123"},
        {"HTTP_COOKIE": "csrftoken=x; messages=pending"},
        {"HTTP_HX_REQUEST": "true"},
        {"HTTP_AUTHORIZATION": "Bearer token"},
    ],
)
def test_it_bypasses_the_cache_for_visitors_who_are_not_anonymous(pages, headers):
    call(pages, "/about/")
    set_about_intro("Fresh words.")
    assert "Fresh words." in call(pages, "/about/", **headers).text
    assert "Fresh words." not in call(pages, "/about/").text


def test_it_still_serves_visitors_who_only_carry_a_csrf_cookie(pages):
    call(pages, "/about/")
    set_about_intro("Fresh words.")
    assert "Fresh words." not in call(pages, "/about/", HTTP_COOKIE="csrftoken=abc").text


def test_it_never_serves_a_post_from_the_cache(pages):
    cached = call(pages, "/about/")
    posted = call(pages, "/about/", method="POST")
    assert posted.code == 403  # Django's CSRF check ran: the request reached Django
    assert posted.body != cached.body
    assert not posted.has(MARKER_HEADER)
    assert len(pages) == 1


def test_it_does_not_cache_what_is_not_a_200(pages):
    missing = call(pages, "/articles/not-written-yet/")
    assert missing.code == 404
    assert not missing.has(MARKER_HEADER)
    assert len(pages) == 0
    Post.objects.bulk_create(  # bulk_create sends no signal: the cache is not told
        [
            Post(
                title="Written now",
                slug="not-written-yet",
                body="Some words.",
                status=PostStatus.PUBLISHED,
                published_at=datetime(2025, 1, 1, tzinfo=UTC),
            )
        ]
    )
    assert call(pages, "/articles/not-written-yet/").code == 200


def test_it_does_not_cache_responses_that_set_cookies(pages, settings):
    settings.ROOT_URLCONF = __name__
    first = call(pages, "/cookie/")
    second = call(pages, "/cookie/")
    assert "flavour=oat" in first["Set-Cookie"]
    assert first.text != second.text
    assert len(pages) == 0


def test_it_never_caches_the_contact_page(pages):
    for cookie in ("", "csrftoken=abc"):
        answer = call(pages, "/contact/", HTTP_COOKIE=cookie)
        assert answer.code == 200
        assert "csrfmiddlewaretoken" in answer.text
        assert "no-store" in answer["Cache-Control"]
        assert not answer.has(MARKER_HEADER)
    assert len(pages) == 0


def test_it_keeps_only_its_cap_of_pages(demo_site, settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    content_version.reset()
    pages = PublicPageCache(get_wsgi_application(), max_entries=3)
    for url in ["/about/", "/", "/services/", "/faq/"]:
        assert call(pages, url).code == 200
    assert len(pages) == 3
    assert [key[2] for key in pages.cached_keys()] == ["/", "/services/", "/faq/"]
    set_about_intro("Evicted, so rendered again.")
    assert "Evicted, so rendered again." in call(pages, "/about/").text


def test_it_only_stores_query_strings_the_view_declared(pages):
    assert call(pages, "/?utm_source=newsletter").code == 200
    assert call(pages, "/articles/?page=1").code == 200
    assert [(key[2], key[3]) for key in pages.cached_keys()] == [("/articles/", "page=1")]


# --- Invalidation -------------------------------------------------------------------------------


def test_it_shows_edits_saved_through_the_models_at_once(pages):
    call(pages, "/about/")
    page = Page.objects.get(key=PageKey.ABOUT)
    page.intro = "Saved in the admin."
    page.save()
    assert "Saved in the admin." in call(pages, "/about/").text

    faq = call(pages, "/faq/").text
    entry = FaqEntry.objects.filter(published=True).first()
    assert entry is not None and entry.question in faq
    entry.delete()
    assert entry.question not in call(pages, "/faq/").text


def test_it_drops_its_pages_when_another_process_bumps_the_version(pages):
    with time_machine.travel(datetime(2025, 6, 2, 12, 0, tzinfo=UTC), tick=False) as clock:
        call(pages, "/about/")
        set_about_intro("Edited in another worker.")
        caches["default"].set(VERSION_KEY, "written-by-another-process", timeout=None)
        clock.shift(0.5)  # the version was read less than a second ago
        assert "Edited in another worker." not in call(pages, "/about/").text
        clock.shift(0.6)
        assert "Edited in another worker." in call(pages, "/about/").text


def test_it_expires_pages_after_the_configured_time(pages):
    with time_machine.travel(datetime(2025, 6, 2, 12, 0, tzinfo=UTC), tick=False) as clock:
        call(pages, "/about/")
        set_about_intro("Seen after a minute.")
        clock.shift(59)
        assert "Seen after a minute." not in call(pages, "/about/").text
        clock.shift(2)
        assert "Seen after a minute." in call(pages, "/about/").text


def test_it_serves_uncached_and_logs_once_when_the_shared_cache_fails(pages, settings, caplog):
    shared = settings.CACHES["default"]
    settings.CACHES = {**settings.CACHES, "default": {**shared, "LOCATION": "no_such_table"}}
    caplog.set_level(logging.WARNING, logger="craniocare.core.pagecache")
    with time_machine.travel(datetime(2025, 6, 2, 12, 0, tzinfo=UTC), tick=False) as clock:
        for number in range(3):
            set_about_intro(f"Version {number}.")
            assert f"Version {number}." in call(pages, "/about/").text
            clock.shift(1.1)
        assert len(pages) == 0
        warnings = [r for r in caplog.records if r.name == "craniocare.core.pagecache"]
        assert len(warnings) == 1

        settings.CACHES = {**settings.CACHES, "default": shared}
        clock.shift(1.1)
        call(pages, "/about/")
        set_about_intro("Cached again.")
        assert "Cached again." not in call(pages, "/about/").text


def test_the_served_application_is_wrapped_in_the_page_cache():
    code = (
        "import craniocare.wsgi as w; from craniocare.core.pagecache import PublicPageCache; "
        "print(isinstance(w.application, PublicPageCache))"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    env.update(DEBUG="off", SECRET_KEY="a-long-random-production-key-" + "x7Qp2" * 10)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "True", result.stderr
