"""The "consent needed" flag of a booking whose service needs a consent, on each screen that
shows the booking (the calendar, Today and the booking page), from booking until the client
signs, and again after a withdrawal."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.intake.services import consent_withdraw
from tests.intake.helpers import sign
from tests.office.helpers import book

pytestmark = pytest.mark.django_db

FLAG = "Consent needed: intraoral work"


def screens(http, booking) -> dict[str, str]:
    day = timezone.localtime(booking.start).date().isoformat()
    urls = {
        "calendar": f"{reverse('office:calendar')}?date={day}",
        "today": reverse("office:today"),
        "booking page": reverse("office:booking", args=[booking.pk]),
    }
    return {name: http.get(url).content.decode() for name, url in urls.items()}


def flagged_on(http, booking) -> set[str]:
    return {name for name, content in screens(http, booking).items() if FLAG in content}


def test_every_screen_flags_the_booking_until_the_consent_is_given(
    office_client, serena, alice_client, jaw
):
    start = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)
    booking = book(serena, alice_client, jaw, start)
    http = office_client(serena)
    assert flagged_on(http, booking) == {"calendar", "today", "booking page"}
    consent = sign(alice_client)
    assert flagged_on(http, booking) == set()
    consent_withdraw(consent=consent, reason="Would rather not", withdrawn_by=serena)
    assert flagged_on(http, booking) == {"calendar", "today", "booking page"}


def test_front_desk_sees_the_flag_too(office_client, frank, serena, alice_client, jaw):
    """Whether a consent is missing is scheduling information, not health information."""
    start = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)
    booking = book(serena, alice_client, jaw, start)
    assert flagged_on(office_client(frank), booking) == {"calendar", "today", "booking page"}
