"""Clients sign in to their portal with a one-time code sent by email (allauth's login by code),
through a real SMTP server: the code works once, for a limited time, and a few wrong tries end
it. Unknown addresses get the same answer and no mail; staff never sign in by code."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client as DjangoClient
from django.urls import reverse

from craniocare.accounts.models import Role, User
from craniocare.clients.models import Client
from craniocare.clients.services import client_user_ensure
from tests.factories import ClientFactory
from tests.portal.helpers import (
    code_in,
    confirm,
    delivered,
    is_signed_in,
    request_code,
    text,
)

pytestmark = pytest.mark.django_db

CONFIRM = reverse("account_confirm_login_code")
PORTAL = reverse("portal:home")


def test_a_client_signs_in_with_the_emailed_code_and_lands_on_her_portal(
    alice, schedules, smtp_server
):
    browser = DjangoClient()
    page = text(browser.get(reverse("account_request_login_code")))
    assert "Sign in with a code" in page and "Email address" in page
    response = request_code(browser, "Alice@Example.com")
    assert response.status_code == 302 and response["Location"] == CONFIRM
    assert "alice@example.com" in text(browser.get(CONFIRM)).lower()

    [message] = delivered(smtp_server, 1)
    assert message["X-Envelope-To"] == "alice@example.com"
    assert message["Subject"] == "Serena CranioCare: Your sign-in code"
    response = confirm(browser, code_in(message))
    assert response.status_code == 302 and response["Location"] == PORTAL
    page = text(browser.get(PORTAL))
    assert "Your sessions and records" in page
    assert "CranioSacral Therapy, 60 minutes" in page


def test_a_client_who_booked_online_gets_her_sign_in_with_her_first_code(practice, smtp_server):
    record = ClientFactory(email="zoe@example.com", name="Zoë Lévesque-Ørsted")
    assert record.user is None
    browser = DjangoClient()
    request_code(browser, "zoe@example.com", next_url=PORTAL)

    record.refresh_from_db()
    user = record.user
    assert user is not None and user.email == "zoe@example.com"
    assert user.role == Role.CLIENT and not user.is_staff
    assert not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Zoë", "Lévesque-Ørsted")

    [message] = delivered(smtp_server, 1)
    response = confirm(browser, code_in(message))
    assert response["Location"] == PORTAL
    assert is_signed_in(browser)
    # Asking again finds the same sign-in: nothing new is created.
    request_code(DjangoClient(), "zoe@example.com")
    assert User.objects.filter(email="zoe@example.com").count() == 1


def test_an_existing_client_sign_in_without_a_record_is_linked(alice_signin, smtp_server):
    record = ClientFactory(email="alice@example.com", name="Alice Martin")
    record.user = None
    record.save(update_fields=["user"])
    browser = DjangoClient()
    request_code(browser, "alice@example.com")
    record.refresh_from_db()
    assert record.user == alice_signin
    [message] = delivered(smtp_server, 1)
    assert confirm(browser, code_in(message))["Location"] == PORTAL


def test_a_wrong_code_fails_and_three_wrong_codes_end_the_attempt(alice, smtp_server):
    browser = DjangoClient()
    request_code(browser, alice.email)
    [message] = delivered(smtp_server, 1)
    code = code_in(message)
    response = confirm(browser, "WRONG1")
    assert response.status_code == 200 and not is_signed_in(browser)
    assert "Incorrect code." in text(response)
    confirm(browser, "WRONG2")
    response = confirm(browser, "WRONG3")  # the last try ends the attempt
    assert response.status_code == 302
    assert response["Location"] == reverse("account_request_login_code")
    # Even the right code no longer works: a new one must be asked for.
    response = confirm(browser, code)
    assert response["Location"] == reverse("account_request_login_code")
    assert not is_signed_in(browser)


def test_an_expired_code_fails(alice, smtp_server, clock):
    browser = DjangoClient()
    request_code(browser, alice.email)
    [message] = delivered(smtp_server, 1)
    clock.shift(timedelta(seconds=settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT + 1))
    response = confirm(browser, code_in(message))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_request_login_code")
    assert not is_signed_in(browser)


def test_a_code_works_once(alice, smtp_server):
    browser = DjangoClient()
    request_code(browser, alice.email)
    [message] = delivered(smtp_server, 1)
    code = code_in(message)
    assert confirm(browser, code)["Location"] == PORTAL
    browser.post(reverse("account_logout"))
    assert not is_signed_in(browser)

    response = confirm(browser, code)  # the same code, again
    assert response.status_code == 302 and response["Location"] != PORTAL
    assert not is_signed_in(browser)
    other = DjangoClient()  # nor from another browser
    assert confirm(other, code).status_code == 302 and not is_signed_in(other)


def same(page: str, email: str) -> str:
    """The page without what differs by design: the address typed and the CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.replace(email, "X"))


def test_an_unknown_address_gets_the_same_answer_and_no_mail(alice, smtp_server):
    unknown, known = DjangoClient(), DjangoClient()
    response = request_code(unknown, "nobody@example.org")
    assert response.status_code == 302 and response["Location"] == CONFIRM
    unknown_page = text(unknown.get(CONFIRM))
    request_code(known, alice.email)
    known_page = text(known.get(CONFIRM))
    assert same(unknown_page, "nobody@example.org") == same(known_page, alice.email)
    delivered(smtp_server, 1)
    assert [m["X-Envelope-To"] for m in smtp_server.messages] == [alice.email]
    assert not User.objects.filter(email="nobody@example.org").exists()
    assert confirm(unknown, "ABCDEF").status_code == 200  # a guess gets "incorrect", no more
    assert not is_signed_in(unknown)


def test_staff_get_no_code_and_cannot_sign_in_by_code(serena, frank, alice, smtp_server):
    for person in (serena, frank):
        browser = DjangoClient()
        response = request_code(browser, person.email)
        assert response["Location"] == CONFIRM  # the same answer as for anyone
        assert not is_signed_in(browser)
    request_code(DjangoClient(), alice.email)
    delivered(smtp_server, 1)
    assert [m["X-Envelope-To"] for m in smtp_server.messages] == [alice.email]


def test_a_staff_member_who_is_also_a_client_is_not_given_a_code(serena, smtp_server):
    record = ClientFactory(email=serena.email, name="Serena Hale")
    request_code(DjangoClient(), serena.email)
    record.refresh_from_db()
    assert record.user is None  # never linked to the staff sign-in
    delivered(smtp_server, 0)
    assert smtp_server.messages == []


def test_a_code_sign_in_of_staff_is_refused_even_past_the_request_form(
    serena, smtp_server, settings
):
    """The adapter's own check: with the portal's form bypassed (allauth's plain form mails
    staff a code), the code still does not sign a staff account in."""
    settings.ACCOUNT_FORMS = {}  # allauth's own forms
    browser = DjangoClient()
    request_code(browser, serena.email)
    [message] = delivered(smtp_server, 1)
    response = confirm(browser, code_in(message))
    assert response.status_code == 302 and response["Location"] == reverse("account_login")
    assert not is_signed_in(browser)
    page = text(browser.get(reverse("account_login")))
    assert "Staff accounts sign in with their password" in page


def test_the_sign_in_page_offers_clients_the_code(client, practice):
    page = text(client.get(reverse("account_login")))
    assert f'href="{reverse("account_request_login_code")}"' in page
    assert "Client sign-in" in text(client.get(reverse("website:home")))


def test_the_code_pages_are_never_stored(client, alice, smtp_server):
    assert client.get(reverse("account_request_login_code"))["Cache-Control"] == (
        "private, no-store"
    )
    request_code(client, alice.email)
    assert client.get(CONFIRM)["Cache-Control"] == "private, no-store"
    delivered(smtp_server, 0)


def test_signing_in_by_code_links_nothing_for_a_client_without_an_address(practice):
    phone_only = Client.objects.create(name="Pat Doe", email="", phone="416-555-0199")
    assert client_user_ensure(client=phone_only) is None
    phone_only.refresh_from_db()
    assert phone_only.user is None
