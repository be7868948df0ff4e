"""The booking form offers "text me reminders" while the practice sends texts (SMS_ENABLED and
the practice's switch), asks for a phone number with it, carries it through the review, and
records the client's agreement when they book."""

from __future__ import annotations

import re

import pytest

from craniocare.clients.models import Client
from craniocare.core.models import PracticeProfile

from .helpers import ALICE, confirm, details_page, plain, review_page, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booking_site")]


@pytest.fixture
def texts_on(settings, booking_site):
    settings.SMS_ENABLED = True
    profile = PracticeProfile.load()
    profile.sms_reminders = True
    profile.save()


def test_it_does_not_offer_texts_while_the_practice_sends_none(client):
    assert 'name="sms_consent"' not in text(details_page(client))


@pytest.mark.usefixtures("texts_on")
def test_it_records_the_agreement_to_texts_when_the_client_books(client):
    details = details_page(client)
    assert 'name="sms_consent"' in text(details)
    assert "Text me reminders before my sessions (optional)" in text(details)
    review = review_page(client, details, sms_consent="on")
    assert review.status_code == 200
    assert "416 555 0199 Text reminders to this number" in plain(review)
    assert confirm(client, review).status_code == 303
    assert Client.objects.get(email=ALICE["email"]).sms_consent is True


@pytest.mark.usefixtures("texts_on")
def test_it_leaves_texts_off_when_the_box_is_not_ticked(client):
    review = review_page(client, details_page(client))
    assert "Text reminders" not in plain(review)
    assert confirm(client, review).status_code == 303
    assert Client.objects.get(email=ALICE["email"]).sms_consent is False


@pytest.mark.usefixtures("texts_on")
def test_it_asks_for_a_phone_number_with_texts_and_keeps_the_tick(client):
    review = review_page(client, details_page(client), sms_consent="on", phone="")
    assert review.status_code == 422
    page = text(review)
    assert "Please give a phone number for text reminders, or leave this box unticked." in page
    assert re.search(r'<input[^>]*name="sms_consent"[^>]*checked', page)
    assert not Client.objects.filter(email=ALICE["email"]).exists()
