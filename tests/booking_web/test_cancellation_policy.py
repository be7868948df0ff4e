"""The cancellation policy typed in Settings reaches every place a client books or cancels: the
services page, the review step, the confirmation, the manage pages and the three emails, each
with the service's online cutoff in plain words. With no text, the cutoff sentence alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from craniocare.accounts.models import User
from craniocare.bookings.models import Booking
from craniocare.bookings.policy import cancellation_policy, cutoff_words
from craniocare.bookings.services import booking_cancel, booking_reschedule
from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.office.settings_forms import PracticeForm
from tests.forms import posted_as_shown
from tests.signin import PASSWORD, set_password, sign_in_with_mfa

from .helpers import (
    ALICE,
    SERVICE,
    body_text,
    book_online,
    details_page,
    mail_to,
    manage_path,
    plain,
    review_page,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booking_site")]

POLICY = "Inside a day, please phone us. A missed session is charged at half the fee."
THIS_SESSION = "You can cancel or move this session online until 24 hours before it starts."
ANY_SESSION = "You can cancel or move a session online until 24 hours before it starts."


def edit_policy_in_settings(text: str) -> None:
    """Serena types `text` as the cancellation policy in the office's Settings and saves."""
    serena = User.objects.get(email="serena@example.com")
    set_password(serena)
    office = sign_in_with_mfa(Client(), serena, PASSWORD)
    form = PracticeForm(instance=PracticeProfile.load())
    data = posted_as_shown(form)
    data["cancellation_policy"] = text
    response = office.post(reverse("office:settings_practice"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PracticeProfile.load().cancellation_policy == text


@pytest.fixture
def edited() -> None:
    edit_policy_in_settings(POLICY)


@pytest.fixture
def left_empty() -> None:
    edit_policy_in_settings("")


@pytest.fixture
def booked(client, smtp_server, django_capture_on_commit_callbacks) -> Booking:
    with django_capture_on_commit_callbacks(execute=True):
        book_online(client)
    return Booking.objects.get(client_email=ALICE["email"])


def test_the_services_page_shows_the_edited_policy_and_the_cutoff(client, edited):
    page = plain(client.get(reverse("website:services")))
    assert "Cancelling or moving a session" in page
    assert f"{ANY_SESSION} {POLICY}" in page


def test_the_review_step_shows_the_edited_policy_under_the_cutoff(client, edited):
    page = plain(review_page(client, details_page(client)))
    assert "Check and confirm" in page
    assert "You can cancel or move this session online until 24 hours before it starts" in page
    assert POLICY in page


def test_the_confirmation_shows_the_edited_policy_and_the_cutoff(client, edited, smtp_server):
    page = plain(book_online(client))
    assert "You're booked" in page
    assert f"{THIS_SESSION} {POLICY}" in page


def test_the_manage_pages_show_the_edited_policy(client, edited, booked, smtp_server):
    (message,) = mail_to(smtp_server, ALICE["email"])
    overview = plain(client.get(manage_path(message)))
    assert "24 hours before it starts" in overview
    assert POLICY in overview
    cancel_step = plain(client.get(manage_path(message).replace("/manage/", "/cancel/")))
    assert "Cancel your session?" in cancel_step
    assert f"{THIS_SESSION} {POLICY}" in cancel_step


def test_the_confirmation_email_carries_the_edited_policy(edited, booked, smtp_server):
    (message,) = mail_to(smtp_server, ALICE["email"])
    text = body_text(message)
    assert "until 24 hours before it starts" in text
    assert POLICY in text
    assert POLICY in message.get_body(preferencelist=("html",)).get_content()


def test_the_change_and_cancellation_emails_carry_the_edited_policy(
    edited, booked, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking_reschedule(
            booking=booked, new_start=datetime(2027, 1, 18, 16, tzinfo=UTC), by_client=True
        )
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=Booking.objects.get(pk=booked.pk), by_client=True)
    _, moved, cancelled = mail_to(smtp_server, ALICE["email"], count=3)
    assert moved["Subject"].startswith("New time: ")
    assert "until 24 hours before it starts" in body_text(moved)
    assert POLICY in body_text(moved)
    assert cancelled["Subject"].startswith("Cancelled: ")
    assert f"{ANY_SESSION}\n\n{POLICY}" in body_text(cancelled).replace("\r\n", "\n")
    html = cancelled.get_body(preferencelist=("html",)).get_content()
    assert ANY_SESSION in html and POLICY in html


def test_with_no_policy_text_each_place_shows_the_cutoff_sentence_only(
    client, left_empty, smtp_server, django_capture_on_commit_callbacks
):
    services_page = client.get(reverse("website:services")).content.decode()
    assert ANY_SESSION in services_page
    assert services_page.count('class="cancellation-policy"') == 1
    assert THIS_SESSION in plain(book_online(client))
    booking = Booking.objects.get(client_email=ALICE["email"])
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booking, by_client=True)
    *_, cancelled = mail_to(smtp_server, ALICE["email"], count=2)
    assert body_text(cancelled).count(ANY_SESSION) == 1


def test_the_policy_text_is_escaped_on_pages(client):
    edit_policy_in_settings('No-shows <script>alert("x")</script> are charged.')
    page = client.get(reverse("website:services")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize(
    ("hours", "words"),
    [
        (0, "it starts"),
        (1, "1 hour before it starts"),
        (24, "24 hours before it starts"),
        (36, "36 hours before it starts"),
        (48, "2 days before it starts"),
    ],
)
def test_it_says_the_cutoff_in_plain_words(hours, words):
    assert cutoff_words(hours) == words


def test_a_service_with_its_own_cutoff_is_named_on_the_services_page():
    jaw = Service.objects.get(slug="jaw-tmj-60")
    jaw.cancellation_cutoff_hours = 48
    jaw.save()
    policy = cancellation_policy(Service.objects.active())
    assert policy.cutoff == (
        "You can cancel or move a session online until 24 hours before it starts "
        f"({jaw.name}: until 2 days before it starts)."
    )
    assert cancellation_policy(Service.objects.get(slug=SERVICE)).cutoff == THIS_SESSION
