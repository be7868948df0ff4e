"""The public contact form, end to end: form, honeypot, rate limit, real SMTP, thanks page."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

import hypothesis
import hypothesis.strategies as st
import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from craniocare.contact.models import ContactMessage, Status, Topic
from craniocare.outbox.models import Message
from tests.outbox_helpers import deliver_now

FORM_URL = reverse("contact:form")
THANKS_URL = reverse("contact:thanks")


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def input_tag(text: str, name: str, value: str | None = None) -> str:
    """The <input> tag for field `name` (and `value`, for radios); fails when it is missing."""
    for tag in re.findall(r"<input\b[^>]*>", text):
        if f'name="{name}"' in tag and (value is None or f'value="{value}"' in tag):
            return tag
    raise AssertionError(f"no input {name}={value}")


def textarea(text: str, name: str) -> str:
    match = re.search(rf'<textarea\b[^>]*name="{name}"[^>]*>(.*?)</textarea>', text, re.S)
    assert match, f"no textarea {name}"
    return match.group(1)


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


# --- Bad input -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"email": "alice@@example"}, "email", "This does not look like an email address."),
        ({"consent": ""}, "consent", "Please tick this box so that we may reply to you."),
        ({"message": "Hi there"}, "message", "Please write a little more (at least 10"),
        ({"name": "   "}, "name", "Please tell us your name."),
        ({"name": "Alice\nBcc: x@example.com"}, "name", "Please write this on one line."),
        ({"name": "Alice\u2028Bcc: x@example.com"}, "name", "Please write this on one line."),
        (
            {"phone": "call me maybe"},
            "phone",
            "Please use only digits, spaces, +, -, dots and brackets",
        ),
        ({"phone": "555-12"}, "phone", "A phone number has between 7 and 20 digits."),
        ({"topic": "gossip"}, "topic", "Please choose one of the options."),
        ({"message": "x" * 5001}, "message", "Please keep your message to 5000 characters"),
    ],
)
def test_it_explains_bad_input_and_keeps_what_was_typed(
    client: Client, practice, valid_data, change, field, error
):
    data = {key: value for key, value in {**valid_data, **change}.items() if value != ""}
    response = client.post(FORM_URL, data)

    assert response.status_code == 422
    text = page(response)
    assert error in text
    # The error is next to the field, tied to it, and listed (as a link) in the summary on top.
    assert f'id="id_{field}_error"' in text
    summary = text[text.index('id="error-summary"') : text.index("<form")]
    summary_tag = re.search(r'<div [^>]*id="error-summary"[^>]*>', text)
    assert summary_tag and 'role="alert"' in summary_tag.group(0)
    target = "id_topic_0" if field == "topic" else f"id_{field}"
    assert f'href="#{target}"' in summary
    if field == "topic":
        assert 'aria-describedby="id_topic_error"' in text
    elif field == "message":
        assert 'aria-invalid="true"' in text[text.index("<textarea") :][:400]
    else:
        tag = input_tag(text, field)
        assert 'aria-invalid="true"' in tag
        assert "id_" + field + "_error" in tag
    # Everything typed is still there.
    if field != "message":
        assert valid_data["message"] in textarea(text, "message")
    if field != "name":
        assert 'value="Alice Martin"' in input_tag(text, "name")
    if field != "email":
        assert 'value="alice@example.com"' in input_tag(text, "email")
    if field != "consent":
        assert "checked" in input_tag(text, "consent")
    if field != "topic":
        assert "checked" in input_tag(text, "topic", Topic.BOOKING)
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_it_explains_an_empty_post(client: Client, practice):
    response = client.post(FORM_URL, {})
    assert response.status_code == 422
    text = page(response)
    for message in [
        "Please tell us your name.",
        "Please give us an email address so we can reply.",
        "Please choose what your message is about.",
        "Please write your message.",
        "Please tick this box so that we may reply to you.",
    ]:
        assert message in text
    assert "Please check a few things before sending" in text
    assert ContactMessage.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "phone", ["", "416 555 0123", "+1 (416) 555-0123", "+44 20 7946 0958", "1" * 20]
)
def test_it_accepts_phone_numbers_in_everyday_formats(client: Client, practice, valid_data, phone):
    response = client.post(FORM_URL, {**valid_data, "phone": phone})
    assert response.status_code == 303
    assert ContactMessage.objects.get().phone == phone


@pytest.mark.django_db
def test_it_counts_a_line_break_as_one_character(client: Client, practice, valid_data):
    # A browser counts 5000 characters here (its maxlength) and sends "\r\n" line breaks.
    message = "\r\n".join(["x" * 99] * 50)
    response = client.post(FORM_URL, {**valid_data, "message": message})
    assert response.status_code == 303
    assert ContactMessage.objects.get().message == message.replace("\r\n", "\n")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"name": "Alice\x00"},
        {"message": "Null byte \x00 in the middle of it"},
        {"email": "a" * 300 + "@example.com"},
        {"name": "A" * 121},
        {"phone": "+" * 41},
        {"consent": "maybe"},
        {"topic": ["booking", "other"]},
        {"message": "\u202e\u0000\ud7ff" * 3},
    ],
)
def test_it_never_answers_500_to_odd_input(client: Client, practice, valid_data, change):
    response = client.post(FORM_URL, {**valid_data, **change})
    assert response.status_code in {303, 422}


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


@pytest.mark.django_db
@hypothesis.settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
@hypothesis.given(
    data=st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(st.text(max_size=300), st.sampled_from(["", "booking", "on"]))
            for name in ["name", "email", "phone", "topic", "message", "consent", "website"]
        },
    )
)
def test_it_answers_any_post_with_a_page_never_a_500(client: Client, settings, data):
    settings.RATELIMITS_ENABLED = False
    response = client.post(FORM_URL, data)
    assert response.status_code in {303, 422}
