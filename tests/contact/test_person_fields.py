"""The name, email and phone fields are one definition (core.forms.PersonFieldsForm), shared by
the contact form and the booking details form, each with its own limit and words."""

from __future__ import annotations

import pytest

from craniocare.bookings.forms import DetailsForm
from craniocare.contact.forms import ContactForm
from craniocare.core.forms import PersonFieldsForm

pytestmark = pytest.mark.django_db


def test_it_shares_the_fields_and_keeps_each_forms_name_limit():
    assert issubclass(ContactForm, PersonFieldsForm) and issubclass(DetailsForm, PersonFieldsForm)
    contact = ContactForm({"name": "A" * 121})
    details = DetailsForm({"name": "A" * 121})
    assert "Please shorten your name to 120 characters or fewer." in contact.errors["name"]
    assert "name" not in details.errors
    assert 'maxlength="120"' in str(contact["name"]) and 'maxlength="200"' in str(details["name"])
    # The limit is each form's own: building one never changes the other.
    assert 'maxlength="200"' in str(DetailsForm()["name"])


def test_each_form_says_why_it_asks_for_the_email():
    contact, details = ContactForm({}), DetailsForm({})
    assert contact.errors["email"] == ["Please give us an email address so we can reply."]
    assert details.errors["email"] == [
        "Please give an email address so we can send your confirmation."
    ]
    assert "reply by email" in contact["email"].help_text
    assert "manage your booking" in details["email"].help_text


def test_a_field_group_ties_its_hint_and_error_to_the_widget():
    html = str(ContactForm({"email": "nope"})["email"].as_field_group())
    assert '<p class="field-error" id="id_email_error">' in html
    assert '<span class="hint" id="id_email_helptext">' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html and 'value="nope"' in html
