"""After a new consent version is published from the office with "must sign again", everything
that asks clients for consents asks the clients who signed an older version: the booking's
"Consent needed" flag, the reminder email's list of what is still owed, the portal's "Before your
next session" and the consent page itself. Without it, their consent still counts. The office's
view of the client keeps showing the version they signed, with its text."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.clients.models import Client
from craniocare.intake.selectors import consent_flags_for, current_document
from craniocare.intake.tokens import consent_link_for
from craniocare.notifications.messages import reminder_email
from tests.factories import ServiceFactory
from tests.intake.helpers import sign
from tests.office.helpers import book
from tests.portal.records import signed_in

pytestmark = pytest.mark.django_db

NEW_BODY = "Version two of the intraoral consent, in plainer words."
FLAG = "Consent needed: intraoral work"
# The links are signed with the time: look for their shape, not one token.
REMINDER_LINE = re.compile(
    r"- Consent: intraoral \(inside the mouth\) work: https?://\S+/consent/[^/\s]+/intraoral/"
)
PORTAL_LINK = re.compile(r'href="/consent/[^/"]+/intraoral/">Read and sign')


@pytest.fixture
def jaw_booking(serena, alice):
    jaw = ServiceFactory(
        slug="jaw-tmj-60",
        name="Jaw and TMJ release, 60 minutes",
        consents_required=["intraoral"],
        practitioners=[serena.practitioner],
    )
    start = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    return book(serena, Client.objects.get(user=alice), jaw, start)


def text(response) -> str:
    return html.unescape(response.content.decode())


def publish(browser, *, renewal: bool) -> None:
    data = {
        "title": "Consent to intraoral work",
        "body": NEW_BODY,
        "after_version": str(current_document("intraoral").version),
        "action": "publish",
    }
    if renewal:
        data["renewal_required"] = "on"
    url = reverse("office:consent_text_publish", args=["intraoral"])
    assert browser.post(url, data).status_code == 302


def asked(browser, alice, booking) -> dict[str, bool]:
    """Where Alice is asked for the intraoral consent (and the consent page's words)."""
    client = booking.client
    portal = text(signed_in(alice).get(reverse("portal:home")))
    consent_page = text(browser.get(consent_link_for(client, "intraoral")))
    return {
        "flag": booking.pk in consent_flags_for([booking])
        and FLAG in text(browser.get(reverse("office:booking", args=[booking.pk]))),
        "reminder": REMINDER_LINE.search(reminder_email(booking).body) is not None,
        "portal": PORTAL_LINK.search(portal) is not None,
        "consent page": "Sign this consent" in consent_page,
    }


def test_must_sign_again_asks_everywhere_until_the_client_signs_the_new_version(
    office_client, serena, alice, jaw_booking
):
    client = jaw_booking.client
    first = sign(client)
    browser = office_client(serena)
    assert asked(browser, alice, jaw_booking) == dict.fromkeys(
        ["flag", "reminder", "portal", "consent page"], False
    )

    publish(browser, renewal=True)

    assert asked(browser, alice, jaw_booking) == dict.fromkeys(
        ["flag", "reminder", "portal", "consent page"], True
    )
    portal = text(signed_in(alice).get(reverse("portal:home")))
    assert "updated this consent (version 2) and asks you to read it and sign again" in portal
    page = text(browser.get(consent_link_for(client, "intraoral")))
    assert "Consent · version 2" in page and NEW_BODY in page
    assert "You signed version 1 of this consent on" in page

    second = sign(client)  # on the current version, 2
    assert second.document_version == 2
    assert asked(browser, alice, jaw_booking) == dict.fromkeys(
        ["flag", "reminder", "portal", "consent page"], False
    )
    first.refresh_from_db()
    assert first.document_version == 1 and not first.is_withdrawn  # kept as given


def test_without_must_sign_again_the_earlier_consent_still_counts(
    office_client, serena, alice, jaw_booking
):
    sign(jaw_booking.client)
    browser = office_client(serena)
    publish(browser, renewal=False)
    assert asked(browser, alice, jaw_booking) == dict.fromkeys(
        ["flag", "reminder", "portal", "consent page"], False
    )
    page = text(browser.get(consent_link_for(jaw_booking.client, "intraoral")))
    assert "(version 1). Thank you." in page


def test_the_portal_asks_for_a_consent_never_given_and_the_intake(alice, jaw_booking):
    portal = text(signed_in(alice).get(reverse("portal:home")))
    assert "Before your next session" in portal
    assert "Your health intake form" in portal and "Fill in the form" in portal
    assert current_document("intraoral").title in portal
    assert "One of your sessions to come needs this consent." in portal


def test_the_portal_asks_nothing_without_a_session_to_come(alice, jaw_booking):
    jaw_booking.status = "completed"
    jaw_booking.save(update_fields=["status"])
    assert "Before your next session" not in text(signed_in(alice).get(reverse("portal:home")))


def test_the_office_client_view_shows_the_version_signed_and_its_text(
    office_client, serena, jaw_booking
):
    client = jaw_booking.client
    first = sign(client)
    browser = office_client(serena)
    publish(browser, renewal=True)
    page = text(browser.get(reverse("office:intake_client", args=[client.pk])))
    assert "<h3>Intraoral (inside the mouth) work · version 1</h3>" in page
    assert first.text_hash in page
    assert f"The text signed ({first.document.title})" in page
    assert first.document.body_html in page
    assert NEW_BODY not in page  # the new text is nobody's consent yet
    assert '<span class="flag-consent">new version to sign</span>' in page

    second = sign(client)
    page = text(browser.get(reverse("office:intake_client", args=[client.pk])))
    assert "<h3>Intraoral (inside the mouth) work · version 2</h3>" in page
    assert "<h3>Intraoral (inside the mouth) work · version 1</h3>" in page
    assert NEW_BODY in page and first.document.body_html in page
    assert second.text_hash in page and first.text_hash in page
    assert "new version to sign" not in page
