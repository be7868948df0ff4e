"""The client portal (/portal/): a signed-in client's own sessions with working manage links, the
list of what the practice keeps about them, and nothing of anybody else's. Anonymous visitors
are sent to the sign-in by code; staff and other people get a 404 or their own page."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse

from craniocare.portal import urls as portal_urls
from tests.portal.helpers import text

pytestmark = pytest.mark.django_db

PORTAL = reverse("portal:home")
# Every portal URL, from the URL configuration: a new page is covered the moment it is routed.
PORTAL_URLS = [reverse(f"portal:{pattern.name}") for pattern in portal_urls.urlpatterns]


def signed_in(user: Any) -> DjangoClient:
    browser = DjangoClient()
    browser.force_login(user)
    return browser


def test_it_lists_only_her_sessions_with_working_manage_links(alice, schedules):
    response = signed_in(alice).get(PORTAL)
    assert response.status_code == 200
    page = text(response)
    own = response.context["bookings"]
    assert [row.uid for row in own.upcoming] == [
        schedules["alice_next"].uid,
        schedules["alice_london"].uid,
    ]
    assert {row.uid for row in own.past} == {
        schedules[key].uid for key in ("alice_past", "alice_missed", "alice_cancelled")
    }
    for row in own.upcoming + own.past:
        assert row.manage_url in page.replace("&amp;", "&")
        assert DjangoClient().get(row.manage_url).status_code == 200  # the link itself works
    assert schedules["bob_next"].uid not in page
    assert "Bob" not in page
    assert "You have had 1 session with us." in page  # the held one; not the missed one


def test_times_read_on_the_clock_of_the_zone_each_booking_was_made_in(alice, schedules):
    response = signed_in(alice).get(PORTAL)
    london = schedules["alice_london"]
    [row] = [row for row in response.context["bookings"].upcoming if row.uid == london.uid]
    assert "London" in row.zone
    local = london.start.astimezone(ZoneInfo("Europe/London"))
    shown = {f"{local:%H:%M}", f"{local.hour % 12 or 12}:{local:%M}"}
    assert any(form in row.when for form in shown), row.when


def test_it_lists_what_the_practice_keeps_and_offers_the_downloads(alice, schedules):
    page = text(signed_in(alice).get(PORTAL))
    assert "Your records" in page
    assert "Your details" in page and "Your sessions" in page
    assert "6 bookings" not in page and "5 bookings, cancelled ones included." in page
    assert f'href="{reverse("portal:record_pdf")}"' in page
    assert f'href="{reverse("portal:record_json")}"' in page


def test_bob_sees_his_own_and_not_alices(bob, schedules):
    page = text(signed_in(bob).get(PORTAL))
    assert schedules["bob_next"].uid in page
    assert "Somatic Release" not in page and "Alice" not in page


def test_a_sign_in_without_a_client_record_is_told_how_to_connect_it(mallory, schedules):
    page = text(signed_in(mallory).get(PORTAL))
    assert "No bookings linked yet" in page
    assert "Alice" not in page and "Bob" not in page
    for url in PORTAL_URLS:
        if url != PORTAL:
            assert signed_in(mallory).get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_the_sign_in_by_code(client, schedules):
    for url in PORTAL_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("account_request_login_code") + "?next=" + url


def test_staff_get_a_404_for_every_portal_url(office_client, serena, frank, schedules):
    for person in (serena, frank):
        browser = office_client(person)
        for url in PORTAL_URLS:
            assert browser.get(url).status_code == 404, (person, url)


def test_it_finds_every_portal_url():
    downloads = {reverse(f"portal:record_{form}") for form in ("json", "pdf", "fhir")}
    assert {PORTAL, *downloads} <= set(PORTAL_URLS)


def test_the_pages_and_downloads_are_never_stored(alice, schedules, client):
    browser = signed_in(alice)
    for url in PORTAL_URLS:
        assert browser.get(url)["Cache-Control"] == "private, no-store", url
        assert client.get(url)["Cache-Control"] == "private, no-store", url


def test_the_old_address_leads_to_the_portal(alice, schedules):
    browser = signed_in(alice)
    response = browser.get("/my-bookings/")
    assert response.status_code == 301 and response["Location"] == PORTAL
    assert browser.get("/my-bookings/", follow=True).status_code == 200


def test_password_sign_in_of_a_client_lands_on_the_portal(alice, schedules):
    from tests.signin import PASSWORD

    response = DjangoClient().post(
        reverse("account_login"), {"login": alice.email, "password": PASSWORD}
    )
    assert response["Location"] == PORTAL


def test_the_public_header_offers_a_signed_in_client_her_portal(alice, schedules, client):
    page = text(signed_in(alice).get(reverse("website:home")))
    assert f'href="{PORTAL}"' in page and "Sign out" in page
    anonymous = text(client.get(reverse("website:home")))
    assert f'href="{PORTAL}"' not in anonymous


def test_the_sign_out_button_signs_her_out(alice, schedules):
    browser = signed_in(alice)
    page = text(browser.get(PORTAL))
    assert f'action="{reverse("account_logout")}"' in page
    browser.post(reverse("account_logout"))
    assert browser.get(PORTAL).status_code == 302


def test_other_apps_can_list_tasks_for_the_client(alice, schedules, monkeypatch):
    from craniocare.clients import records

    def intake(client: Any) -> list[records.ClientTask]:
        return [records.ClientTask("Health intake form", f"For {client.name}.", "/x/", "Fill in")]

    monkeypatch.setitem(records._task_providers, "intake", intake)
    page = text(signed_in(alice).get(PORTAL))
    assert "Before your next session" in page and "For Alice Martin." in page
    assert text(signed_in(alice).get(PORTAL)).count("Health intake form") == 2  # title + label
