"""The public contact form, end to end: form, honeypot, rate limit, real SMTP, thanks page (bad
input is in test_contact_bad_input.py)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from craniocare.contact.models import ContactMessage, Status, Topic
from craniocare.outbox.models import Message
from tests.contact.pages import input_tag, page, textarea
from tests.outbox_helpers import deliver_now

FORM_URL = reverse("contact:form")
THANKS_URL = reverse("contact:thanks")


# --- The form page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_the_form_beside_the_practice_details(client: Client, practice):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    text = page(response)
    assert "We usually answer within one business day." in text
    assert 'href="tel:+14165550123"' in text
    assert 'href="mailto:serena@example.com"' in text
    assert "12 Quiet Lane" in text
    assert 'name="csrfmiddlewaretoken"' in text
    assert "911" in text


@pytest.mark.django_db
def test_it_labels_every_field_and_helps_autofill(client: Client, practice):
    text = page(client.get(FORM_URL))
    for field_id in ["id_name", "id_email", "id_phone", "id_message", "id_consent"]:
        assert f'for="{field_id}"' in text
        assert f'id="{field_id}"' in text
    assert 'autocomplete="name"' in input_tag(text, "name")
    email = input_tag(text, "email")
    assert 'type="email"' in email and 'autocomplete="email"' in email
    assert 'aria-describedby="id_email_helptext"' in email
    phone = input_tag(text, "phone")
    assert 'type="tel"' in phone and 'autocomplete="tel"' in phone
    assert "<legend>What is your message about?</legend>" in text
    assert "You may contact me about my message" in text


@pytest.mark.django_db
def test_it_hides_the_honeypot_from_people_and_assistive_technology(client: Client, practice):
    text = page(client.get(FORM_URL))
    container = re.search(r'<div class="honeypot" aria-hidden="true">(.*?)</div>', text, re.S)
    assert container, "honeypot container"
    assert "Leave this field empty" in container.group(1)
    honeypot = input_tag(container.group(1), "website")
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot


@pytest.mark.django_db
def test_it_never_caches_the_form_or_the_thanks_page(client: Client, practice):
    for url in [FORM_URL, THANKS_URL]:
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


@pytest.mark.django_db
def test_it_preselects_booking_help_from_a_booking_link(client: Client, practice):
    response = client.get(FORM_URL + "?topic=booking")
    text = page(response)
    assert "checked" in input_tag(text, "topic", Topic.BOOKING)
    assert "checked" not in input_tag(text, "topic", Topic.QUESTION)
    assert "book a session online" in text


@pytest.mark.django_db
def test_the_book_button_opens_online_booking_instead_of_the_form(client: Client, practice):
    response = client.get(reverse("bookings:book"))
    assert response.status_code == 200
    assert "Book a session" in page(response) and "Choose a session" in page(response)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?topic=nonsense", "?topic=", "?topic=booking&topic=x"])
def test_it_starts_with_a_general_question_otherwise(client: Client, practice, query):
    text = page(client.get(FORM_URL + query))
    assert "checked" in input_tag(text, "topic", Topic.QUESTION)
    assert "book a session online" not in text


@pytest.mark.django_db
def test_it_thanks_the_visitor_with_the_reply_time_and_what_to_do_if_urgent(
    client: Client, practice
):
    response = client.get(THANKS_URL)
    assert response.status_code == 200
    text = page(response)
    assert "We usually answer within one business day." in text
    assert 'href="tel:+14165550123"' in text
    assert "In a medical emergency, call 911" in text
    assert '<meta name="robots" content="noindex">' in text


@pytest.mark.django_db
def test_it_renders_without_a_practice_profile(client: Client):
    assert client.get(FORM_URL).status_code == 200
    assert client.get(THANKS_URL).status_code == 200


@pytest.mark.django_db
def test_it_refuses_other_methods(client: Client, practice):
    assert client.put(FORM_URL).status_code == 405
    assert client.post(THANKS_URL).status_code == 405


# --- Sending a message -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_it_stores_a_message_and_emails_the_practitioner(
    client: Client, practice, smtp_server, valid_data
):
    with time_machine.travel(datetime(2025, 3, 4, 19, 5, tzinfo=UTC), tick=True):
        response = client.post(
            FORM_URL, valid_data, REMOTE_ADDR="203.0.113.10", HTTP_USER_AGENT="Firefox/140 " * 50
        )

    assert response.status_code == 303
    assert response["Location"] == THANKS_URL
    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.phone) == (
        "Alice Martin",
        "alice@example.com",
        "+1 (416) 555-0199",
    )
    assert stored.topic == Topic.BOOKING
    assert stored.message == valid_data["message"]
    assert stored.consent_to_contact is True
    assert stored.status == Status.NEW
    assert stored.ip_address == "203.0.113.10"
    assert stored.user_agent.startswith("Firefox/140") and len(stored.user_agent) == 300

    [received] = smtp_server.wait_for(1)
    assert received["X-Envelope-To"] == "serena@example.com"
    assert received["To"] == "serena@example.com"
    assert received["Reply-To"] == "alice@example.com"
    assert received["Subject"] == "New question from Alice Martin (booking help)"
    body = received.get_content()
    assert valid_data["message"] in body
    assert "+1 (416) 555-0199" in body
    assert "Help booking a session" in body
    # 19:05 UTC is 14:05 in Toronto in March (EST).
    assert "Tuesday 4 March 2025, 2:05\u00a0p.m. (Toronto time)" in body

    stored.refresh_from_db()
    assert stored.notification.status == Message.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_message_when_the_mail_server_is_down(
    client: Client, practice, dead_smtp_server, valid_data
):
    response = client.post(FORM_URL, valid_data, follow=True)

    assert response.redirect_chain == [(THANKS_URL, 303)]
    assert response.status_code == 200
    assert "your message is on its way" in page(response)
    stored = ContactMessage.objects.get()
    assert stored.message == valid_data["message"]
    assert stored.notification.status == Message.Status.QUEUED, "it waits for the next try"
    assert "Connection refused" in stored.notification.last_error


@pytest.mark.django_db
def test_it_answers_without_calling_a_hanging_mail_server(
    client: Client,
    practice,
    hanging_smtp_server,
    worker_queue,
    valid_data,
    django_capture_on_commit_callbacks,
    request,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, valid_data, follow=True)

    assert response.redirect_chain == [(THANKS_URL, 303)]
    assert "your message is on its way" in page(response)
    assert hanging_smtp_server.connections == [], "the request never called the mail server"
    stored = ContactMessage.objects.get()
    assert stored.notification.status == Message.Status.QUEUED
    assert worker_queue.filter(task_path__endswith="deliver_outbox").exists(), "worker nudged"

    smtp_server = request.getfixturevalue("smtp_server")  # a mail server that answers
    assert deliver_now().sent == 1
    [received] = smtp_server.wait_for(1)
    assert received["X-Envelope-To"] == "serena@example.com"
    assert received["Reply-To"] == "alice@example.com"
    assert received["Subject"] == "New question from Alice Martin (booking help)"
    assert valid_data["message"] in received.get_content()
    assert f"/office/inbox/{stored.pk}/" in received.get_content()


@pytest.mark.django_db(transaction=True)
def test_it_drops_a_bot_that_fills_the_honeypot_but_lets_people_through(
    client: Client, practice, smtp_server, valid_data
):
    bot = client.post(FORM_URL, {**valid_data, "website": "https://cheap-pills.example"})
    assert bot.status_code == 303
    assert bot["Location"] == THANKS_URL
    assert ContactMessage.objects.count() == 0

    person = client.post(FORM_URL, valid_data)
    assert person.status_code == 303
    assert ContactMessage.objects.count() == 1
    received = smtp_server.wait_for(1)
    assert len(received) == 1, "the bot's post sent nothing; the person's sent one email"
    assert received[0]["Reply-To"] == "alice@example.com"


@pytest.mark.django_db
def test_it_drops_a_bot_even_when_the_rest_of_its_post_is_invalid(client: Client, practice):
    response = client.post(FORM_URL, {"website": "spam", "message": "x"})
    assert response.status_code == 303
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


# --- Rate limit ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_limits_one_address_to_five_messages_an_hour_and_keeps_the_sixth(
    client: Client, practice, valid_data
):
    for n in range(5):
        response = client.post(FORM_URL, {**valid_data, "message": f"Message number {n} here."})
        assert response.status_code == 303

    sixth = {**valid_data, "name": "Alice Sixth", "message": "The sixth message, kept safe."}
    response = client.post(FORM_URL, sixth)

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    text = page(response)
    assert "You've sent several messages in a short time." in text
    assert "Please wait an hour before sending another" in text
    assert "+1 416 555 0123" in text and "serena@example.com" in text
    assert textarea(text, "message").strip() == "The sixth message, kept safe."
    assert 'value="Alice Sixth"' in input_tag(text, "name")
    assert "checked" in input_tag(text, "topic", Topic.BOOKING)
    assert "checked" in input_tag(text, "consent")
    assert ContactMessage.objects.count() == 5
    assert len(mail.outbox) == 0, "on_commit does not fire inside the test transaction"

    other = client.post(FORM_URL, valid_data, REMOTE_ADDR="198.51.100.23")
    assert other.status_code == 303
    assert ContactMessage.objects.count() == 6


@pytest.mark.django_db
def test_it_ignores_x_forwarded_for_when_counting(client: Client, practice, valid_data):
    for n in range(5):
        forged = f"192.0.2.{n}"
        assert client.post(FORM_URL, valid_data, HTTP_X_FORWARDED_FOR=forged).status_code == 303
    response = client.post(FORM_URL, valid_data, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


@pytest.mark.django_db
def test_it_lets_the_same_address_write_again_in_the_next_hour(
    client: Client, practice, valid_data
):
    with time_machine.travel(datetime(2025, 6, 2, 14, 0, 5, tzinfo=UTC), tick=False) as clock:
        for _ in range(5):
            assert client.post(FORM_URL, valid_data).status_code == 303
        assert client.post(FORM_URL, valid_data).status_code == 429
        clock.move_to(datetime(2025, 6, 2, 15, 0, 1, tzinfo=UTC))
        assert client.post(FORM_URL, valid_data).status_code == 303


@pytest.mark.django_db
def test_it_does_not_count_attempts_that_were_not_sent(client: Client, practice, valid_data):
    for _ in range(5):
        assert client.post(FORM_URL, {**valid_data, "email": "nope"}).status_code == 422
        assert client.post(FORM_URL, {**valid_data, "website": "x"}).status_code == 303
    for _ in range(5):
        assert client.post(FORM_URL, valid_data).status_code == 303
    assert ContactMessage.objects.count() == 5


@pytest.mark.django_db
def test_it_lets_everything_through_when_rate_limits_are_off(
    client: Client, practice, valid_data, settings
):
    settings.RATELIMITS_ENABLED = False
    for _ in range(8):
        assert client.post(FORM_URL, valid_data).status_code == 303
    assert ContactMessage.objects.count() == 8
