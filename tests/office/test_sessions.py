"""Staff sessions end after 30 idle minutes, after 12 hours whatever happens, and everywhere at
once on request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.test import Client as DjangoClient
from django.urls import reverse

pytestmark = pytest.mark.django_db

T0 = datetime(2027, 3, 3, 14, 0, 5, tzinfo=UTC)
TODAY = reverse("office:today")
SIGN_IN_AGAIN = reverse("account_login") + "?next=" + TODAY


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_it_signs_staff_out_after_30_idle_minutes(office_client, serena):
    with time_machine.travel(T0, tick=False) as clock:
        client = office_client(serena)
        clock.shift(timedelta(minutes=29))
        assert client.get(TODAY).status_code == 200
        clock.shift(timedelta(minutes=29))  # 58 minutes signed in, 29 idle
        assert client.get(TODAY).status_code == 200

        clock.shift(timedelta(minutes=30))
        response = client.get(TODAY)
        assert response.status_code == 302
        assert response["Location"] == SIGN_IN_AGAIN
        assert messages_of(response) == [
            "You were signed out after 30 minutes without activity. Please sign in again."
        ]
        assert "_auth_user_id" not in client.session
        assert client.get(TODAY)["Location"] == SIGN_IN_AGAIN


def test_the_idle_timeout_is_configurable(office_client, serena, settings):
    settings.STAFF_IDLE_TIMEOUT = timedelta(minutes=5)
    with time_machine.travel(T0, tick=False) as clock:
        client = office_client(serena)
        clock.shift(timedelta(minutes=4, seconds=50))
        assert client.get(TODAY).status_code == 200
        clock.shift(timedelta(minutes=5))
        assert client.get(TODAY)["Location"] == SIGN_IN_AGAIN


def test_it_signs_staff_out_after_12_hours_however_busy(office_client, serena):
    with time_machine.travel(T0, tick=False) as clock:
        client = office_client(serena)
        for _ in range(11 * 3 + 2):  # a request every 20 minutes until 11 h 40 min
            clock.shift(timedelta(minutes=20))
            assert client.get(TODAY).status_code == 200
        clock.shift(timedelta(minutes=20))  # 12 h since signing in
        response = client.get(TODAY)
        assert response["Location"] == SIGN_IN_AGAIN
        assert messages_of(response) == [
            "You were signed out: a session lasts at most 12 hours. Please sign in again."
        ]
        assert "_auth_user_id" not in client.session


def test_an_expired_session_on_a_public_page_is_simply_signed_out(office_client, serena):
    with time_machine.travel(T0, tick=False) as clock:
        client = office_client(serena)
        clock.shift(timedelta(hours=1))
        assert client.get(reverse("website:home")).status_code == 200
        assert "_auth_user_id" not in client.session


def test_htmx_requests_are_sent_to_sign_in_with_a_full_page_load(office_client, serena):
    with time_machine.travel(T0, tick=False) as clock:
        client = office_client(serena)
        clock.shift(timedelta(hours=1))
        response = client.get(
            TODAY, headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/office/"}
        )
        assert response["HX-Redirect"] == SIGN_IN_AGAIN


def test_the_session_cookie_ends_with_the_browser(office_client, serena, settings):
    client = office_client(serena)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE


def test_sign_out_everywhere_ends_every_session_of_that_user(office_client, serena, frank):
    with time_machine.travel(T0, tick=False) as clock:
        phone = office_client(serena)
        clock.shift(timedelta(seconds=30))  # the next code from her app
        desktop = office_client(serena)
        colleague = office_client(frank)
        assert phone.get(TODAY).status_code == 200

        response = desktop.post(reverse("office:sign_out_everywhere"))
        assert response["Location"] == reverse("account_login")
        assert messages_of(response) == ["You are signed out on every device, this one included."]
        assert desktop.get(TODAY)["Location"] == SIGN_IN_AGAIN
        assert phone.get(TODAY)["Location"] == SIGN_IN_AGAIN
        assert "_auth_user_id" not in phone.session
        assert colleague.get(TODAY).status_code == 200

        clock.shift(timedelta(seconds=30))
        assert office_client(serena).get(TODAY).status_code == 200, "she can sign in again"


def test_sign_out_everywhere_needs_a_post(office_client, serena):
    client = office_client(serena)
    assert client.get(reverse("office:sign_out_everywhere")).status_code == 405
    assert client.get(TODAY).status_code == 200


def test_a_session_from_before_the_timeouts_existed_is_signed_out(serena):
    """A staff session without a sign-in time (older code, another way in) does not live on."""
    from craniocare.accounts import sessions

    client = DjangoClient()
    client.force_login(serena)
    session = client.session
    del session[sessions.SIGNED_IN_AT]
    session.save()
    client.get(reverse("website:home"))
    assert "_auth_user_id" not in client.session
