"""A signed-in client's page (/my-bookings/): their own upcoming bookings with a working manage
link, how many sessions they have had, and signing out. Nobody else's bookings, ever."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone

from craniocare.bookings.models import Status
from craniocare.clients.models import Client
from tests.factories import ServiceFactory
from tests.office.helpers import book
from tests.signin import PASSWORD

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def schedules(serena, pia, alice, bob, session60) -> dict[str, Any]:
    somatic = ServiceFactory(
        slug="somatic-release-60",
        name="Somatic Release, 60 minutes",
        practitioners=[pia.practitioner],
    )
    alice_client = Client.objects.get(user=alice)
    bob_client = Client.objects.get(user=bob)
    soon = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    return {
        "alice_next": book(serena, alice_client, session60, soon),
        "alice_london": book(
            pia, alice_client, somatic, soon + timedelta(days=7), booked_tz="Europe/London"
        ),
        "alice_past": book(
            serena, alice_client, session60, soon - timedelta(days=30), status=Status.COMPLETED
        ),
        "alice_missed": book(
            serena, alice_client, session60, soon - timedelta(days=20), status=Status.NO_SHOW
        ),
        "alice_cancelled": book(
            serena, alice_client, session60, soon + timedelta(days=1), status=Status.CANCELLED
        ),
        "bob_next": book(serena, bob_client, session60, soon + timedelta(days=2)),
    }


def signed_in(user: Any) -> DjangoClient:
    browser = DjangoClient()
    response = browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_a_client_who_signs_in_lands_on_their_bookings(alice, schedules):
    browser = DjangoClient()
    response = browser.post(
        reverse("account_login"), {"login": alice.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("clients:my_bookings")
    page = text(response)
    assert "Your bookings" in page and "CranioSacral Therapy, 60 minutes" in page


def test_it_lists_only_her_upcoming_bookings_with_working_manage_links(alice, schedules):
    browser = signed_in(alice)
    response = browser.get(reverse("clients:my_bookings"))
    assert response.status_code == 200
    page = text(response)
    for key in ("alice_next", "alice_london"):
        booking = schedules[key]
        assert booking.practitioner.display_name in page
        manage = [row.manage_url for row in response.context["upcoming"]]
        assert any(url.startswith(f"/bookings/{booking.uid}/manage/?token=") for url in manage)
    for row in response.context["upcoming"]:
        assert DjangoClient().get(row.manage_url).status_code == 200  # the link itself works
    # Bob's booking and Alice's cancelled and past ones are not among them.
    uids = "".join(row.manage_url for row in response.context["upcoming"])
    for key in ("bob_next", "alice_cancelled", "alice_past", "alice_missed"):
        assert schedules[key].uid not in uids and schedules[key].uid not in page
    assert "Bob" not in page
    # One completed session counts; the missed one does not.
    assert "You have had 1 session with us." in page


def test_times_read_on_the_clock_of_the_zone_each_booking_was_made_in(alice, schedules):
    response = signed_in(alice).get(reverse("clients:my_bookings"))
    rows = {row.service: row for row in response.context["upcoming"]}
    london = schedules["alice_london"]
    row = rows[london.service.name]
    assert "London" in row.zone
    local = london.start.astimezone(ZoneInfo("Europe/London"))
    # The start as a London clock shows it, 24-hour ("15:30") or 12-hour ("3:30") style.
    shown = {f"{local:%H:%M}", f"{local.hour % 12 or 12}:{local:%M}"}
    assert any(form in row.when for form in shown), row.when
    assert local.strftime("%A") in row.when


def test_bob_sees_his_own_and_not_alices(bob, schedules):
    page = text(signed_in(bob).get(reverse("clients:my_bookings")))
    assert schedules["bob_next"].service.name in page
    assert "Somatic Release" not in page  # Alice's session with Pia
    assert "You have had" not in page


def test_a_sign_in_without_a_client_record_is_told_how_to_connect_it(mallory, practice):
    page = text(signed_in(mallory).get(reverse("clients:my_bookings")))
    assert "No bookings linked yet" in page


def test_anonymous_visitors_are_sent_to_sign_in(client, practice):
    url = reverse("clients:my_bookings")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + url


def test_the_page_is_never_stored(alice, schedules):
    response = signed_in(alice).get(reverse("clients:my_bookings"))
    assert response["Cache-Control"] == "private, no-store"


def test_the_sign_out_button_signs_her_out(alice, schedules):
    browser = signed_in(alice)
    page = text(browser.get(reverse("clients:my_bookings")))
    assert f'action="{reverse("account_logout")}"' in page and 'method="post"' in page
    browser.post(reverse("account_logout"))
    assert browser.get(reverse("clients:my_bookings")).status_code == 302


def test_the_public_header_offers_a_signed_in_client_her_bookings_and_signing_out(
    alice, schedules, client
):
    page = text(signed_in(alice).get(reverse("website:home")))
    assert f'href="{reverse("clients:my_bookings")}"' in page
    assert "Sign out" in page
    anonymous = client.get(reverse("website:home"))
    assert f'href="{reverse("clients:my_bookings")}"' not in text(anonymous)
    assert "Sign out" not in text(anonymous)


def test_the_header_offers_staff_no_client_bar(office_client, serena, practice):
    page = text(office_client(serena).get(reverse("website:home")))
    assert f'href="{reverse("clients:my_bookings")}"' not in page


def test_the_sign_in_page_speaks_to_clients_and_staff(client, practice):
    page = text(client.get(reverse("account_login")))
    assert "For the practice's staff" not in page
    assert "Sign in to your account" in page
    assert "Clients:" in page and "Staff:" in page
