"""Settings (practitioner only): practice identity and policies, staff invitations by email
(to the real SMTP server) with a set-password link; MFA is still required afterwards."""

from __future__ import annotations

import re

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse

from craniocare.accounts.models import Role, User
from craniocare.core.models import PracticeProfile
from craniocare.outbox.models import Message
from tests.outbox_helpers import deliver_now

pytestmark = pytest.mark.django_db


def practice_data(**changes):
    data = {
        "name": "Serena CranioCare",
        "tagline": "",
        "practitioner_name": "Serena Hale",
        "practitioner_title": "",
        "email": "hello@serena.example",
        "phone": "",
        "street_address": "",
        "locality": "Toronto",
        "region": "",
        "postal_code": "",
        "country": "CA",
        "time_zone": "America/Toronto",
        "cancellation_policy": "Please give 24 hours' notice.",
        "holiday_region": "CA-QC",
        "default_notice_minutes_amount": "1",
        "default_notice_minutes_unit": "days",
        "reply_time": "within a day",
        "reminder_offsets_hours": "48, 2",
    }
    data.update(changes)
    return data


def test_it_saves_the_practice_identity_and_policies(office_client, serena):
    response = office_client(serena).post(reverse("office:settings_practice"), practice_data())
    assert response.status_code == 302
    profile = PracticeProfile.load()
    assert profile.cancellation_policy == "Please give 24 hours' notice."
    assert profile.default_notice_minutes == 1440
    assert profile.holiday_region == "CA-QC"


def test_it_shows_and_takes_the_default_notice_in_hours_or_days(office_client, serena):
    browser = office_client(serena)
    profile = PracticeProfile.load()
    profile.default_notice_minutes = 720
    profile.save()
    page = browser.get(reverse("office:settings")).content.decode()
    assert re.search(r'name="default_notice_minutes_amount"[^>]*value="12"', page)
    assert re.search(r'<option value="hours" selected>', page)
    assert "(minutes)" not in page
    data = practice_data(default_notice_minutes_amount="36", default_notice_minutes_unit="hours")
    assert browser.post(reverse("office:settings_practice"), data).status_code == 302
    assert PracticeProfile.load().default_notice_minutes == 36 * 60


def test_it_explains_bad_practice_settings_and_keeps_them(office_client, serena):
    response = office_client(serena).post(
        reverse("office:settings_practice"),
        practice_data(email="not-an-address", time_zone="Mars/Olympus", name="Typed Name"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="Typed Name"' in html
    assert PracticeProfile.load().name == "Serena CranioCare"


def test_it_invites_staff_by_email_with_a_set_password_link(office_client, serena, smtp_server):
    response = office_client(serena).post(
        reverse("office:settings_invite"),
        {
            "email": "Nina@Example.com",
            "first_name": "Nina",
            "last_name": "Park",
            "role": "front_desk",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nina@example.com")
    assert user.role == Role.FRONT_DESK and user.is_staff
    assert not user.has_usable_password()
    assert smtp_server.messages == [], "queued in the outbox, not sent in the request"
    assert deliver_now().sent == 1
    email = smtp_server.wait_for(1)[0]
    assert email["To"] == "nina@example.com"
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", email.get_content())
    assert link, email.get_content()

    browser = DjangoClient()
    path = link.group(0).split("testserver", 1)[-1]
    form_page = browser.get(path, follow=True)
    assert form_page.status_code == 200
    done = browser.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "a-long-calm-passphrase-42", "password2": "a-long-calm-passphrase-42"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.has_usable_password()
    browser.post(
        reverse("account_login"),
        {"login": "nina@example.com", "password": "a-long-calm-passphrase-42"},
    )
    office = browser.get(reverse("office:today"))
    assert office.status_code == 302
    assert office["Location"] == reverse("mfa_activate_totp")


def test_it_refuses_an_invitation_for_an_address_already_in_use(office_client, serena, frank):
    response = office_client(serena).post(
        reverse("office:settings_invite"),
        {"email": frank.email, "first_name": "Frank", "role": "front_desk"},
    )
    assert response.status_code == 400
    assert "Someone already has an account with this address." in response.content.decode()
    assert not Message.objects.exists()


def test_it_answers_front_desk_404_on_settings(office_client, frank):
    browser = office_client(frank)
    assert browser.get(reverse("office:settings")).status_code == 404
    invite = {"email": "x@example.com", "first_name": "X", "role": "practitioner"}
    assert browser.post(reverse("office:settings_invite"), invite).status_code == 404
    assert not User.objects.filter(email="x@example.com").exists()


def test_it_changes_a_staff_members_role(office_client, serena, frank):
    client = office_client(serena)
    url = reverse("office:settings_staff", args=[frank.pk])
    client.post(url, {"role": Role.PRACTITIONER, "active": "on"})
    frank.refresh_from_db()
    assert frank.role == Role.PRACTITIONER and frank.is_active
    client.post(url, {"role": Role.FRONT_DESK, "active": "on"})
    frank.refresh_from_db()
    assert frank.role == Role.FRONT_DESK


def test_it_switches_off_a_staff_account_and_ends_its_sessions(office_client, serena, frank):
    franks_session = office_client(frank)
    assert franks_session.get(reverse("office:today")).status_code == 200
    response = office_client(serena).post(
        reverse("office:settings_staff", args=[frank.pk]), {"role": Role.FRONT_DESK}
    )
    assert response.status_code == 302
    frank.refresh_from_db()
    assert not frank.is_active
    after = franks_session.get(reverse("office:today"))
    assert after.status_code == 302 and "/accounts/login/" in after["Location"]


def test_it_never_lets_a_practitioner_demote_or_switch_off_herself(office_client, serena):
    client = office_client(serena)
    response = client.post(
        reverse("office:settings_staff", args=[serena.pk]), {"role": Role.FRONT_DESK}, follow=True
    )
    serena.refresh_from_db()
    assert serena.role == Role.PRACTITIONER and serena.is_active
    assert "cannot change your own role" in response.content.decode()


def test_it_rejects_an_unknown_role_with_a_message(office_client, serena, frank):
    response = office_client(serena).post(
        reverse("office:settings_staff", args=[frank.pk]),
        {"role": "owner", "active": "on"},
        follow=True,
    )
    frank.refresh_from_db()
    assert frank.role == Role.FRONT_DESK
    assert "Choose practitioner or front desk" in response.content.decode()


def test_it_answers_404_for_a_client_account_in_staff_settings(office_client, serena, alice):
    response = office_client(serena).post(
        reverse("office:settings_staff", args=[alice.pk]), {"role": Role.FRONT_DESK}
    )
    assert response.status_code == 404
