"""Office bookings: book a client in by phone, completed / no-show, cancel (moves are in
test_booking_office_moves.py)."""

from __future__ import annotations

import re
import threading
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from craniocare.bookings.errors import SlotUnavailable
from craniocare.bookings.models import Booking, Source, Status
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import booking_create
from craniocare.clients.models import Client
from craniocare.scheduling.models import Practitioner
from tests.clock import TORONTO, at
from tests.factories import give_hours
from tests.office.helpers import book


def post_new(http, session60, serena, **fields):
    data = {
        "practitioner": Practitioner.objects.get(user=serena).pk,
        "service": session60.pk,
        **fields,
    }
    return http.post(reverse("office:booking_new"), data)


@pytest.mark.django_db
def test_it_books_a_new_client_in_by_phone(office_client, serena, session60, wednesday):
    response = post_new(
        office_client(serena),
        session60,
        serena,
        start="2027-03-04T11:00",
        name="Carla Ruiz",
        email="carla@example.org",
        phone="416-555-0199",
    )
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/bookings/{booking.pk}/"
    assert booking.source == Source.OFFICE
    assert booking.start == at(11, day=date(2027, 3, 4))
    assert Client.objects.get(email="carla@example.org").phone == "416-555-0199"


@pytest.mark.django_db
def test_it_books_an_existing_client_found_by_search(
    office_client, frank, alice, serena, session60, wednesday
):
    client = office_client(frank)
    html = client.get(reverse("office:booking_client_search"), {"q": "555-0101"}).content.decode()
    alice_client = Client.objects.get(user=alice)
    assert f'value="{alice_client.pk}"' in html and "Alice Martin" in html
    assert "Bob" not in html
    post_new(client, session60, serena, start="2027-03-04T13:00", client=alice_client.pk)
    booking = Booking.objects.get()
    assert booking.client == alice_client and booking.source == Source.OFFICE


@pytest.mark.django_db
def test_it_may_book_inside_the_notice_but_never_over_another_session(
    office_client, serena, bob, session60, wednesday
):
    client = office_client(serena)
    # 12 h notice online; the office may book at 09:00, an hour from now.
    post_new(client, session60, serena, start="2027-03-03T09:00", name="Dee", email="d@example.org")
    assert Booking.objects.filter(source=Source.OFFICE).count() == 1
    # 10:00 falls in the 09:00 session's buffer (to 10:15): refused, clearly.
    response = post_new(
        client, session60, serena, start="2027-03-03T10:00", name="Eve", email="e@example.org"
    )
    assert response.status_code == 400
    assert "already taken" in response.content.decode()
    assert Booking.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_leaves_one_booking_when_online_and_office_race_for_a_time(serena, session60):
    practitioner = Practitioner.objects.get(user=serena)
    give_hours(practitioner, range(7))
    day = timezone.localdate(timezone.now(), TORONTO) + timedelta(days=3)
    start = datetime.combine(day, time(10), tzinfo=TORONTO)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(source: str) -> None:
        from django.db import connection

        try:
            barrier.wait()
            booking_create(
                service=session60,
                start=start,
                client=ClientDetails(name=f"{source} person", email=f"{source}@example.org"),
                source=source,
                booked_tz="America/Toronto",
                practitioner=practitioner,
                allow_outside_rules=source == "office",
            )
            outcomes.append("booked")
        except SlotUnavailable:
            outcomes.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(s,)) for s in ("online", "office")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "taken"]
    assert Booking.objects.filter(status=Status.CONFIRMED).count() == 1


@pytest.mark.django_db
def test_it_warns_before_booking_outside_working_hours(office_client, serena, session60, wednesday):
    client = office_client(serena)
    fields = {"start": "2027-03-04T18:30", "name": "Carla Ruiz", "email": "carla@example.org"}
    response = post_new(client, session60, serena, **fields)
    html = response.content.decode()
    assert response.status_code == 200 and not Booking.objects.exists()
    assert (
        "Thursday 18:30 is outside Serena Hale&#x27;s hours (9:00\u201312:00, 13:00\u201317:00)."
        in html
    )
    assert "Book anyway?" in html and 'value="Carla Ruiz"' in html  # what was typed stays
    anyway = re.search(r'name="outside_ok" value="([^"]+)"', html).group(1)
    # "Book anyway" for a different time than the one warned about warns again.
    post_new(
        client, session60, serena, **{**fields, "start": "2027-03-04T19:30"}, outside_ok=anyway
    )
    assert not Booking.objects.exists()
    response = post_new(client, session60, serena, **fields, outside_ok=anyway)
    assert response.status_code == 302
    assert Booking.objects.get().start == at(18, 30, day=date(2027, 3, 4))


@pytest.mark.django_db
def test_it_says_when_the_practitioner_does_not_work_that_day(
    office_client, serena, session60, wednesday
):
    response = post_new(
        office_client(serena),
        session60,
        serena,
        start="2027-03-06T10:00",
        name="C",
        email="c@e.org",
    )
    assert "Serena Hale does not work on Saturday 6 March." in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_the_booking_page_shows_what_the_client_said_when_booking(
    office_client, frank, serena, alice, session60, wednesday
):
    booking = book(
        serena,
        Client.objects.get(user=alice),
        session60,
        at(11),
        source=Source.ONLINE,
        first_visit=True,
        booked_tz="Europe/London",
        notes="My lower back",
    )
    desk = office_client(frank)
    html = desk.get(reverse("office:booking", args=[booking.pk])).content.decode()
    assert "Yes, their first session" in html
    assert "Europe/London" in html and "<strong>Wed 3 Mar 16:00</strong> their time" in html
    assert "My lower back" not in html  # the note stays the practitioner's
    booking.first_visit, booking.booked_tz = False, "America/Toronto"
    booking.save()
    html = desk.get(reverse("office:booking", args=[booking.pk])).content.decode()
    assert "No, they have been before" in html and "the same clock as the practice" in html


@pytest.mark.django_db
def test_it_marks_past_sessions_completed_or_no_show(
    office_client, serena, alice, bob, session60, wednesday
):
    yesterday = date(2027, 3, 2)
    done = book(serena, Client.objects.get(user=alice), session60, at(10, day=yesterday))
    missed = book(serena, Client.objects.get(user=bob), session60, at(14, day=yesterday))
    later = book(serena, Client.objects.get(user=bob), session60, at(14))
    client = office_client(serena)
    client.post(reverse("office:booking_outcome", args=[done.pk]), {"status": "completed"})
    client.post(reverse("office:booking_outcome", args=[missed.pk]), {"status": "no_show"})
    response = client.post(
        reverse("office:booking_outcome", args=[later.pk]), {"status": "completed"}, follow=True
    )
    assert "Only a session that has started" in response.content.decode()
    statuses = {b.pk: b.status for b in Booking.objects.all()}
    assert statuses == {
        done.pk: Status.COMPLETED,
        missed.pk: Status.NO_SHOW,
        later.pk: Status.CONFIRMED,
    }


@pytest.mark.django_db
def test_it_cancels_with_a_reason(office_client, frank, alice, serena, session60, wednesday):
    booking = book(serena, Client.objects.get(user=alice), session60, at(14))
    client = office_client(frank)
    client.post(reverse("office:booking_cancel", args=[booking.pk]), {"reason": ""})
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED  # a reason is required
    client.post(reverse("office:booking_cancel", args=[booking.pk]), {"reason": "Client phoned"})
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert booking.cancellation_reason == "Client phoned"


@pytest.mark.django_db
def test_it_never_shows_booking_notes_to_front_desk(
    office_client, frank, serena, alice, session60, wednesday
):
    booking = book(
        serena, Client.objects.get(user=alice), session60, at(14), notes="Whiplash in 2024."
    )
    url = reverse("office:booking", args=[booking.pk])
    frank_html = office_client(frank).get(url).content.decode()
    assert "Alice Martin" in frank_html and "Whiplash" not in frank_html
    serena_html = office_client(serena).get(url).content.decode()
    assert "Whiplash" in serena_html


@pytest.mark.django_db
@pytest.mark.parametrize("ticked", [True, False])
def test_it_emails_the_client_about_an_office_cancellation_only_when_asked(
    office_client,
    frank,
    alice,
    serena,
    session60,
    wednesday,
    smtp_server,
    django_capture_on_commit_callbacks,
    ticked,
):
    booking = book(serena, Client.objects.get(user=alice), session60, at(14))
    data = {"reason": "Client phoned"} | ({"notify_client": "on"} if ticked else {})
    with django_capture_on_commit_callbacks(execute=True):
        office_client(frank).post(reverse("office:booking_cancel", args=[booking.pk]), data)
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    recipients = [message["X-Envelope-To"] for message in smtp_server.messages]
    assert any(booking.client_email in to for to in recipients) is ticked
    assert len(recipients) == (2 if ticked else 1)  # the practitioner is told either way


@pytest.mark.django_db
def test_it_books_a_caller_with_a_phone_number_only(
    office_client, serena, session60, wednesday, mailoutbox, django_capture_on_commit_callbacks
):
    client = office_client(serena)
    page = client.get(reverse("office:booking_new")).content.decode()
    assert "an email address or a phone number" in page
    assert "they get the confirmation, reminders" in page and "So we can reach them" in page
    fields = {"start": "2027-03-04T11:00", "name": "Chris Phonebook", "phone": "416 555 0177"}
    with django_capture_on_commit_callbacks(execute=True):
        response = post_new(client, session60, serena, **fields)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.client_email == "" and booking.client.email == ""
    assert booking.client.phone == "416 555 0177"
    assert all(message.to != [""] for message in mailoutbox)  # only the practice is told
    html = client.get(reverse("office:booking", args=[booking.pk])).content.decode()
    assert "No email address: they get no emails about this booking" in html

    # Next time the same caller is found again by name and number (however it is written) ...
    again = fields | {"start": "2027-03-05T11:00", "phone": "(416) 555-0177"}
    post_new(client, session60, serena, **again)
    # ... and someone else at the same number stays someone else.
    other = fields | {"start": "2027-03-05T14:00", "name": "Robin Phonebook"}
    post_new(client, session60, serena, **other)
    clients = {b.client.name: b.client_id for b in Booking.objects.all()}
    assert Booking.objects.filter(client_id=clients["Chris Phonebook"]).count() == 2
    assert clients["Robin Phonebook"] != clients["Chris Phonebook"]
    assert Client.objects.filter(email="").count() == 2


@pytest.mark.django_db
def test_a_new_client_needs_an_email_or_a_phone(office_client, serena, session60, wednesday):
    response = post_new(
        office_client(serena), session60, serena, start="2027-03-04T11:00", name="Kim"
    )
    assert response.status_code == 400
    assert "Give an email address or a phone number for the new client" in response.content.decode()
    assert 'value="Kim"' in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_online_and_api_bookings_still_need_an_email(serena, session60, wednesday):
    from django.core.exceptions import ValidationError

    practitioner = Practitioner.objects.get(user=serena)
    for source in (Source.ONLINE, Source.API):
        with pytest.raises(ValidationError) as refused:
            booking_create(
                service=session60,
                start=at(11, day=date(2027, 3, 4)),
                client=ClientDetails(name="Chris", email="", phone="416 555 0177"),
                source=source,
                booked_tz="America/Toronto",
                practitioner=practitioner,
            )
        assert "email" in refused.value.message_dict
    assert not Booking.objects.exists()
