"""Text-message reminders go out only when the installation allows texts (SMS_ENABLED), the
practice switched them on, and the client has a phone number and agreed to texts; everyone else
gets the email only. Sent through the console backend by the real delivery."""

from __future__ import annotations

from datetime import UTC, date

import pytest

from craniocare.bookings.requests import ClientDetails
from craniocare.clients.models import Client
from craniocare.clients.services import client_set_sms_consent
from craniocare.notifications.models import Reminder
from craniocare.notifications.services import reminders_send_due
from craniocare.outbox.models import Message
from craniocare.outbox.sms import ConsoleSmsBackend
from tests.clock import toronto
from tests.outbox_helpers import deliver_now

pytestmark = pytest.mark.django_db

MONDAY = date(2027, 3, 8)
SATURDAY_10 = toronto(date(2027, 3, 6), 10).astimezone(UTC)  # the 48-hour reminder is due


@pytest.fixture
def texts_on(settings, practice_contact):
    settings.SMS_ENABLED = True
    practice_contact.sms_reminders = True
    practice_contact.save()


def alice() -> Client:
    return Client.objects.get(email="alice@example.com")


@pytest.mark.usefixtures("texts_on")
def test_it_texts_a_client_with_a_phone_who_agreed(travel, book, smtp_server):
    booking = book(toronto(MONDAY, 10)).booking
    client_set_sms_consent(client=alice(), sms_consent=True)
    deliver_now()  # the confirmation
    travel.move_to(SATURDAY_10)
    assert reminders_send_due() == 2  # the email and the text
    assert ConsoleSmsBackend.sent == type(ConsoleSmsBackend.sent)()  # queued, not yet sent
    deliver_now()
    ((to, text),) = list(ConsoleSmsBackend.sent)
    assert to == "416-555-0101"
    assert "Serena CranioCare" in text and "Monday 8 March" in text
    assert f"/bookings/{booking.uid}/manage/?token=" in text
    assert len(text) <= 320
    assert [m["Subject"] for m in smtp_server.messages if "Reminder" in str(m["Subject"])]
    sms = Message.objects.get(kind="booking_reminder_sms")
    assert (sms.channel, sms.status) == ("sms", "sent")


@pytest.mark.usefixtures("texts_on")
def test_it_emails_only_a_client_who_did_not_agree_to_texts(travel, book):
    booking = book(toronto(MONDAY, 10)).booking
    travel.move_to(SATURDAY_10)
    assert reminders_send_due() == 1
    deliver_now()
    assert list(ConsoleSmsBackend.sent) == []
    text_reminder = Reminder.objects.get(booking=booking, offset_hours=48, channel="sms")
    assert text_reminder.status == "skipped"
    assert text_reminder.skip_reason == "The client has not agreed to text messages."
    assert Message.objects.filter(kind="booking_reminder").count() == 1


@pytest.mark.usefixtures("texts_on")
def test_it_emails_only_a_client_without_a_phone(travel, book):
    booking = book(
        toronto(MONDAY, 10), client=ClientDetails(name="Bob Nguyen", email="bob@example.com")
    ).booking
    bob = Client.objects.get(email="bob@example.com")
    client_set_sms_consent(client=bob, sms_consent=True)
    travel.move_to(SATURDAY_10)
    assert reminders_send_due() == 1
    deliver_now()
    assert list(ConsoleSmsBackend.sent) == []
    skipped = Reminder.objects.get(booking=booking, offset_hours=48, channel="sms")
    assert skipped.skip_reason == "No phone number."


@pytest.mark.usefixtures("texts_on")
def test_it_stops_texting_a_client_who_withdrew_consent(travel, book):
    book(toronto(MONDAY, 10))
    client_set_sms_consent(client=alice(), sms_consent=True)
    client_set_sms_consent(client=alice(), sms_consent=False)
    travel.move_to(SATURDAY_10)
    reminders_send_due()
    deliver_now()
    assert list(ConsoleSmsBackend.sent) == []


def test_it_sends_no_texts_while_the_installation_has_them_off(
    travel, book, settings, practice_contact
):
    settings.SMS_ENABLED = False
    practice_contact.sms_reminders = True
    practice_contact.save()
    booking = book(toronto(MONDAY, 10)).booking
    client_set_sms_consent(client=alice(), sms_consent=True)
    assert set(Reminder.objects.filter(booking=booking).values_list("channel", flat=True)) == {
        "email"
    }
    travel.move_to(SATURDAY_10)
    reminders_send_due()
    deliver_now()
    assert list(ConsoleSmsBackend.sent) == []


def test_it_sends_no_texts_while_the_practice_has_them_off(travel, book, settings):
    settings.SMS_ENABLED = True
    booking = book(toronto(MONDAY, 10)).booking
    client_set_sms_consent(client=alice(), sms_consent=True)
    assert not Reminder.objects.filter(booking=booking, channel="sms").exists()
    travel.move_to(SATURDAY_10)
    reminders_send_due()
    deliver_now()
    assert list(ConsoleSmsBackend.sent) == []


@pytest.mark.usefixtures("texts_on")
def test_a_caller_booked_by_phone_without_an_address_gets_the_text_only(travel, book):
    from craniocare.bookings.models import Source

    caller = ClientDetails(name="Carla Reyes", email="", phone="416-555-0144")
    booking = book(toronto(MONDAY, 10), client=caller, source=Source.OFFICE).booking
    assert set(Reminder.objects.filter(booking=booking).values_list("channel", flat=True)) == {
        "sms"
    }
    client_set_sms_consent(client=booking.client, sms_consent=True)
    travel.move_to(SATURDAY_10)
    assert reminders_send_due() == 1
    deliver_now()
    assert [to for to, _ in ConsoleSmsBackend.sent] == ["416-555-0144"]
