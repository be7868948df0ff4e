"""A signed-in person's email addresses (allauth's page): only a confirmed address can become the
primary one, the address sign-in, password resets and the practice's emails go to."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.outbox_helpers import deliver_now
from tests.signin import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "alice.martin@example.org"


def signed_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def test_an_unconfirmed_address_cannot_become_primary_until_confirmed(client, alice, smtp_server):
    signed_in(client, alice)
    response = client.post(reverse("account_email"), {"action_add": "", "email": NEW})
    assert response.status_code == 302
    assert deliver_now().sent == 1  # the confirmation waits in the outbox for the worker
    [message] = smtp_server.wait_for(1)
    assert message["X-Envelope-To"] == NEW

    response = client.post(
        reverse("account_email"), {"action_primary": "", "email": NEW}, follow=True
    )
    html = response.content.decode()
    assert f"{NEW} is not confirmed yet, so it cannot be your main address." in html
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    assert not EmailAddress.objects.get(email=NEW).primary

    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", body).group(1)
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(email=NEW).verified

    response = client.post(
        reverse("account_email"), {"action_primary": "", "email": NEW}, follow=True
    )
    assert "not confirmed" not in response.content.decode()
    alice.refresh_from_db()
    assert alice.email == NEW
    assert EmailAddress.objects.get(email=NEW).primary
