"""Reminder settings in the office: the practice's reminder times (bounded, with clear errors that
keep what was typed) and texts on or off on Settings; a client's agreement to texts on their
profile."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from craniocare.clients.models import Client
from craniocare.core.models import PracticeProfile
from craniocare.office.settings_forms import PracticeForm
from tests.forms import posted_as_shown

pytestmark = pytest.mark.django_db


def settings_data(**changes: str) -> dict[str, object]:
    return posted_as_shown(PracticeForm(instance=PracticeProfile.load())) | changes


def test_it_shows_the_default_reminder_times_as_hours(office_client, serena):
    page = office_client(serena).get(reverse("office:settings")).content.decode()
    assert re.search(r'name="reminder_offsets_hours"[^>]*value="48, 2"', page)
    assert "Also remind by text message" in page


def test_it_saves_the_practices_reminder_times(office_client, serena):
    data = settings_data(reminder_offsets_hours="24; 72 1", sms_reminders="on")
    response = office_client(serena).post(reverse("office:settings_practice"), data)
    assert response.status_code == 302
    profile = PracticeProfile.load()
    assert profile.reminder_offsets_hours == [72, 24, 1]
    assert profile.sms_reminders is True


def test_posting_the_page_back_as_shown_keeps_the_reminder_times(office_client, serena):
    response = office_client(serena).post(reverse("office:settings_practice"), settings_data())
    assert response.status_code == 302
    assert PracticeProfile.load().reminder_offsets_hours == [48, 2]


def test_an_empty_field_means_no_reminders(office_client, serena):
    data = settings_data(reminder_offsets_hours="")
    assert office_client(serena).post(reverse("office:settings_practice"), data).status_code == 302
    assert PracticeProfile.load().reminder_offsets_hours == []


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("48, two", "Give the reminder times as whole hours separated by commas"),
        ("48, 2.5", "Give the reminder times as whole hours separated by commas"),
        ("-3", "Give the reminder times as whole hours separated by commas"),
        ("0", "0 hours is outside what reminders allow: from 1 hour to 336 hours"),
        ("400, 2", "400 hours is outside what reminders allow"),
        ("72, 48, 24, 2", "At most 3 reminders per session."),
        ("48, 48", "Give each reminder time once."),
        ("48\x00", "control character"),
    ],
)
def test_it_explains_bad_reminder_times_and_keeps_what_was_typed(
    office_client, serena, typed, error
):
    data = settings_data(reminder_offsets_hours=typed, tagline="Quiet hands")
    response = office_client(serena).post(reverse("office:settings_practice"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html, html[html.find("has-error") - 200 : html.find("has-error") + 800]
    if "\x00" not in typed:
        assert f'value="{typed}"' in html
    assert 'value="Quiet hands"' in html
    assert PracticeProfile.load().reminder_offsets_hours == [48, 2]


def alice_record() -> Client:
    return Client.objects.get(email="alice@example.com")


def test_staff_record_a_clients_agreement_to_texts(office_client, frank, alice):
    browser = office_client(frank)
    url = reverse("office:client_sms_consent", args=[alice_record().pk])
    profile = reverse("office:client", args=[alice_record().pk])
    assert 'name="sms_consent"' in browser.get(profile).content.decode()

    assert browser.post(url, {"sms_consent": "on"}).status_code == 302
    assert alice_record().sms_consent is True
    assert re.search(r'name="sms_consent"[^>]*checked', browser.get(profile).content.decode())

    assert browser.post(url, {}).status_code == 302
    assert alice_record().sms_consent is False


def test_a_client_cannot_record_consent_through_the_office(client, alice):
    client.force_login(alice)
    url = reverse("office:client_sms_consent", args=[alice_record().pk])
    assert client.post(url, {"sms_consent": "on"}).status_code == 404
    assert alice_record().sms_consent is False
