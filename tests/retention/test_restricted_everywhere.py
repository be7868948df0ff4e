"""A restricted record is hidden from every everyday screen: the calendar, Today, the booking
pages, the client profile, the client search of the booking form and the calendar feed show
"Restricted record" instead of the client's name, contact details, booking note and flags, until
the client's practitioner opens the record in this session. Its sessions still hold their time.
Front desk never sees the name."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client as DjangoClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from craniocare.bookings.calendar_grid import FREE_CELL
from craniocare.bookings.free_times import office_open_slots
from craniocare.clinical.restriction import client_restrict
from tests.clock import MORNING, TORONTO, WEDNESDAY, at
from tests.factories import ClientFactory, give_hours
from tests.office.helpers import book
from tests.retention.restricted import (
    ALICE_NOTE,
    ALICE_PHONE,
    LABEL,
    REASON,
    open_record,
    restricted_day,
    shows_alice,
)

pytestmark = pytest.mark.django_db

CONSENT_FLAG = "Consent needed: intraoral work"


@pytest.fixture(autouse=True)
def _wednesday_morning():
    with time_machine.travel(MORNING, tick=False):
        yield


@pytest.fixture
def day(serena, alice, bob, session60):
    give_hours(serena.practitioner)
    return restricted_day(serena, alice, bob, session60)


def calendar(browser: DjangoClient, **query: str) -> str:
    response = browser.get(reverse("office:calendar"), {"date": WEDNESDAY.isoformat(), **query})
    assert response.status_code == 200
    return response.content.decode()


def today(browser: DjangoClient) -> str:
    response = browser.get(reverse("office:today"))
    assert response.status_code == 200
    return response.content.decode()


# --- the calendar -------------------------------------------------------------------------


def test_the_calendar_shows_a_restricted_session_without_the_client(office_client, serena, day):
    html = calendar(office_client(serena))
    assert not shows_alice(html)
    assert CONSENT_FLAG not in html  # Alice's jaw session would be flagged
    assert html.count(LABEL) >= 2  # the grid and the list below it
    assert f'data-booking="{day.alice_session.pk}"' in html  # still there, still a session
    assert "Bob Nguyen" in html


def test_a_restricted_session_still_blocks_its_time(serena, day):
    free = office_open_slots(
        practitioner=serena.practitioner,
        rules=FREE_CELL,
        first_day=WEDNESDAY,
        last_day=WEDNESDAY,
        tz=TORONTO,
        now=MORNING,
    )
    starts = {slot.start for slot in free}
    assert at(9, 30) not in starts and at(10) not in starts
    assert at(11) in starts


def test_the_calendar_names_the_client_once_the_practitioner_opened_the_record(
    office_client, serena, day
):
    browser = office_client(serena)
    open_record(browser, day.alice)
    html = calendar(browser)
    assert "Alice Martin" in html and CONSENT_FLAG in html
    assert LABEL not in html


def test_front_desk_never_sees_the_name_on_the_calendar_or_today(office_client, frank, day):
    desk = office_client(frank)
    # Front desk may not open the record: the action is the client's practitioner's alone.
    assert open_record(desk, day.alice).status_code == 404
    for html in (calendar(desk, practitioner=str(day.alice_session.practitioner_id)), today(desk)):
        assert not shows_alice(html)
        assert LABEL in html and "Bob Nguyen" in html


def test_another_practitioner_cannot_open_it_for_themselves(office_client, maya, day):
    browser = office_client(maya)
    assert open_record(browser, day.alice).status_code == 404
    html = calendar(browser, practitioner=str(day.alice_session.practitioner_id))
    assert not shows_alice(html)


# --- Today ------------------------------------------------------------------------------------


def today_names(html: str) -> list[str]:
    return re.findall(r'class="who[^"]*" href="[^"]+">([^<]+)</a>', html)


def test_today_lists_a_restricted_session_without_name_flags_or_record_links(
    office_client, serena, day
):
    html = today(office_client(serena))
    assert today_names(html) == [LABEL, "Bob Nguyen"]
    assert not shows_alice(html)
    assert CONSENT_FLAG not in html and "First visit" not in html
    assert reverse("office:client_clinical", args=[day.alice.pk]) not in html
    assert reverse("office:session_note", args=[day.alice_session.pk]) not in html
    assert reverse("office:client_clinical", args=[day.bob.pk]) in html


def test_today_names_the_client_after_opening(office_client, serena, day):
    browser = office_client(serena)
    open_record(browser, day.alice)
    html = today(browser)
    assert today_names(html) == ["Alice Martin", "Bob Nguyen"]
    assert CONSENT_FLAG in html and "First visit" in html


# --- the booking pages ----------------------------------------------------------------------


def test_the_booking_page_hides_name_contact_note_and_flags(office_client, serena, day):
    browser = office_client(serena)
    url = reverse("office:booking", args=[day.alice_session.pk])
    html = browser.get(url).content.decode()
    assert not shows_alice(html)
    assert CONSENT_FLAG not in html
    assert f"<h1>{LABEL}</h1>" in html
    # The session can still be looked after: moved, cancelled.
    assert reverse("office:booking_cancel", args=[day.alice_session.pk]) in html

    move = browser.post(
        reverse("office:booking_move", args=[day.alice_session.pk]),
        {"start": (day.alice_session.start + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")},
    )
    assert move.status_code == 200 and not shows_alice(move.content.decode())

    open_record(browser, day.alice)
    html = browser.get(url).content.decode()
    assert "Alice Martin" in html and ALICE_PHONE in html and ALICE_NOTE in html
    assert CONSENT_FLAG in html


def test_front_desk_booking_page_shows_no_name(office_client, frank, day):
    html = (
        office_client(frank)
        .get(reverse("office:booking", args=[day.alice_session.pk]))
        .content.decode()
    )
    assert not shows_alice(html) and LABEL in html


# --- the client's profile and searches -------------------------------------------------------


def test_the_client_profile_shows_the_notice_until_opened(office_client, serena, frank, day):
    url = reverse("office:client", args=[day.alice.pk])
    desk = office_client(frank).get(url).content.decode()
    assert "This record is restricted" in desk and not shows_alice(desk)
    assert "Open restricted record" not in desk and REASON not in desk

    browser = office_client(serena)
    notice = browser.get(url).content.decode()
    assert "Open restricted record" in notice and REASON in notice
    assert not shows_alice(notice)

    assert open_record(browser, day.alice, back=url)["Location"] == url
    assert "alice@example.com" in browser.get(url).content.decode()


def test_changes_to_a_closed_profile_are_refused(office_client, frank, day):
    response = office_client(frank).post(
        reverse("office:client_notes", args=[day.alice.pk]), {"practice_notes": "Call first."}
    )
    assert response.status_code == 403
    day.alice.refresh_from_db()
    assert day.alice.practice_notes == ""


def test_the_booking_form_search_leaves_restricted_clients_out(office_client, frank, day):
    found = office_client(frank).get(reverse("office:booking_client_search"), {"q": "Alice"})
    assert "Alice Martin" not in found.content.decode()


def test_the_open_action_only_goes_back_to_this_site(office_client, serena, day):
    response = open_record(office_client(serena), day.alice, back="https://elsewhere.example/")
    assert response["Location"] == reverse("office:client_clinical", args=[day.alice.pk])


# --- the calendar feed ---------------------------------------------------------------------


def feed_body(browser: DjangoClient) -> str:
    html = browser.post(reverse("office:feed"), {"confirm": "yes"}).content.decode()
    url = re.search(r">(http://testserver/calendar-feed/[^<]+\.ics)</textarea>", html)
    assert url is not None
    return DjangoClient().get(url.group(1)).content.decode()


def test_the_calendar_feed_gives_no_initials_for_a_restricted_record(office_client, serena, day):
    body = feed_body(office_client(serena))
    assert f"Jaw and TMJ release\\, 60 minutes: {LABEL}" in body
    assert "A.M." not in body and "B.N." in body


def test_restricting_a_record_refreshes_the_cached_feed(office_client, serena, day):
    browser = office_client(serena)
    url = re.search(
        r">(http://testserver/calendar-feed/[^<]+\.ics)</textarea>",
        browser.post(reverse("office:feed"), {"confirm": "yes"}).content.decode(),
    )
    assert url is not None
    assert "B.N." in DjangoClient().get(url.group(1)).content.decode()
    client_restrict(client=day.bob, reason=REASON, by=serena)
    after = DjangoClient().get(url.group(1)).content.decode()
    assert "B.N." not in after


# --- a constant number of queries ----------------------------------------------------------


def queries_of(browser: DjangoClient, url: str) -> int:
    browser.get(url)  # warm: the session, the practice profile, cached free times
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url).status_code == 200
    return len(captured)


def test_calendar_and_today_cost_the_same_queries_with_more_restricted_sessions(
    office_client, serena, day, session60
):
    browser = office_client(serena)
    open_record(browser, day.alice)  # opened: her consent flag is read, as for anyone's
    urls = [reverse("office:calendar") + f"?date={WEDNESDAY}", reverse("office:today")]
    before = [queries_of(browser, url) for url in urls]
    for number, hour in enumerate((11, 16, 18)):
        someone = ClientFactory(name=f"Kept Person {number}", email=f"kept{number}@example.com")
        book(serena, someone, session60, at(hour))
        client_restrict(client=someone, reason=REASON, by=serena)
    after = [queries_of(browser, url) for url in urls]
    assert after == before
    html = browser.get(urls[0]).content.decode()
    assert html.count(f"· {LABEL} ·") == 3  # the list under the grid: the three still closed
