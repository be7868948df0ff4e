"""With DEBUG off, errors answer in the practice's look with a way back, not Django's bare
pages; the 500 page renders without the database (it may be what failed)."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client as DjangoClient
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied, server_error

from craniocare.accounts.models import User


@pytest.fixture
def production(settings):
    settings.DEBUG = False


def text(body: bytes) -> str:
    return html.unescape(body.decode())


def assert_ways_back(page: str) -> None:
    assert f'href="{reverse("website:home")}"' in page
    assert f'href="{reverse("contact:form")}"' in page
    assert "/static/css/site.css" in page or "css/site." in page


@pytest.mark.django_db
def test_a_missing_page_answers_in_the_practices_look(client, demo_site, production):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = text(response.content)
    assert "We could not find that page" in page
    assert "Serena CranioCare" in page  # the site's header and footer
    assert_ways_back(page)
    assert "Not Found" not in page  # Django's bare page


@pytest.mark.django_db
def test_an_unknown_office_page_answers_the_same_way(client, demo_site, production):
    response = client.get("/office/no-such-page/")
    assert response.status_code in (302, 404)
    client.force_login(User.objects.get(email="alice@example.com"))  # a client: no office
    response = client.get("/office/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in text(response.content)


@pytest.mark.django_db
def test_a_refused_page_answers_in_the_practices_look(demo_site, production):
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    page = text(response.content)
    assert "This page is not open to you" in page and "Serena CranioCare" in page
    assert_ways_back(page)


@pytest.mark.django_db
def test_a_form_sent_without_its_security_token_is_explained(demo_site, production):
    browser = DjangoClient(enforce_csrf_checks=True)
    response = browser.post(reverse("contact:form"), {"name": "Alice", "message": "Hello"})
    assert response.status_code == 403
    page = text(response.content)
    assert "That form could not be sent" in page and "Serena CranioCare" in page
    assert "CSRF verification failed" not in page
    assert_ways_back(page)


def test_the_server_error_page_needs_no_database(production):
    # No django_db mark: any query here would fail the test.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = text(response.content)
    assert "Sorry, this page did not load" in page
    assert_ways_back(page)
