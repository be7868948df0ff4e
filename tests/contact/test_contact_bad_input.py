"""The public contact form's bad input: a clear message per field, what was typed kept, and
never a 500 whatever is posted."""

from __future__ import annotations

import re

import hypothesis
import hypothesis.strategies as st
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from craniocare.contact.models import ContactMessage, Topic
from tests.contact.pages import input_tag, page, textarea

FORM_URL = reverse("contact:form")
THANKS_URL = reverse("contact:thanks")


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
