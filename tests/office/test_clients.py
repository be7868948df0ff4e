"""Client screens: search, profile (contact, bookings, practice notes, clinical placeholder),
merging duplicates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from craniocare.bookings.models import Booking, Status
from craniocare.clients.models import Client, ClientMerge
from tests.factories import ClientFactory
from tests.office.helpers import book

pytestmark = pytest.mark.django_db


def alice_client() -> Client:
    return Client.objects.get(email="alice@example.com")


def test_it_finds_clients_by_partial_name_email_or_phone(office_client, frank, alice, bob):
    ClientFactory(name="Carla Bruni", email="carla@elsewhere.org", phone="(647) 555-0199")
    browser = office_client(frank)
    url = reverse("office:clients")

    def names(query: str) -> list[str]:
        response = browser.get(url, {"q": query})
        assert response.status_code == 200
        return [c.name for c in response.context["page"].object_list]

    assert names("ali") == ["Alice Martin"]
    assert names("NGUY") == ["Bob Nguyen"]
    assert names("elsewhere") == ["Carla Bruni"]
    assert names("416 555") == ["Alice Martin"]  # stored as 416-555-0101
    assert names("6475550199") == ["Carla Bruni"]  # stored as (647) 555-0199
    assert names("zzz") == []
    assert names("") == ["Alice Martin", "Bob Nguyen", "Carla Bruni"]


def test_it_answers_htmx_searches_with_the_results_only(office_client, frank, alice, bob):
    response = office_client(frank).get(
        reverse("office:clients"), {"q": "bob"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "Bob Nguyen" in html and "Alice Martin" not in html
    assert "<html" not in html


def test_it_paginates_a_long_client_list(office_client, frank):
    for n in range(60):
        ClientFactory(name=f"Client {n:03d}", email=f"c{n}@example.org")
    browser = office_client(frank)
    first = browser.get(reverse("office:clients"))
    assert len(first.context["page"].object_list) == 25
    third = browser.get(reverse("office:clients"), {"page": "3"})
    assert [c.name for c in third.context["page"].object_list][-1] == "Client 059"
    assert browser.get(reverse("office:clients"), {"page": "nonsense"}).status_code == 200


def test_it_shows_front_desk_contact_details_and_bookings_but_no_clinical_section(
    office_client, frank, alice_booking
):
    response = office_client(frank).get(reverse("office:client", args=[alice_booking.client_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "alice@example.com" in html and "416-555-0101" in html
    assert "Upcoming sessions" in html and alice_booking.service.name in html
    assert "Clinical record" not in html
    assert reverse("office:client_clinical", args=[alice_booking.client_id]) not in html


def test_it_shows_the_practitioner_the_clinical_placeholder_and_history(
    office_client, serena, alice_booking, session60
):
    past = book(
        serena,
        alice_booking.client,
        session60,
        alice_booking.start - timedelta(days=14),
        status=Status.COMPLETED,
    )
    response = office_client(serena).get(reverse("office:client", args=[alice_booking.client_id]))
    html = response.content.decode()
    assert "Clinical records" in html
    assert reverse("office:client_clinical", args=[alice_booking.client_id]) in html
    assert response.context["bookings"].history == [past]
    assert response.context["bookings"].upcoming == [alice_booking]


def test_it_saves_practice_notes(office_client, frank, alice):
    url = reverse("office:client_notes", args=[alice_client().pk])
    response = office_client(frank).post(url, {"practice_notes": "  Prefers mornings.  "})
    assert response.status_code == 302
    assert alice_client().practice_notes == "Prefers mornings."


def test_it_keeps_typed_notes_and_explains_when_they_are_too_long(office_client, frank, alice):
    url = reverse("office:client_notes", args=[alice_client().pk])
    typed = "x" * 5001
    response = office_client(frank).post(url, {"practice_notes": typed})
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    assert typed in response.content.decode()
    assert alice_client().practice_notes == ""


def test_it_saves_notes_through_htmx_with_the_notes_section_only(office_client, frank, alice):
    url = reverse("office:client_notes", args=[alice_client().pk])
    response = office_client(frank).post(
        url, {"practice_notes": "Parking at the back."}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saved." in html and "Upcoming sessions" not in html


def test_it_merges_two_duplicate_clients_moving_bookings(
    office_client, frank, serena, alice, alice_booking, session60
):
    survivor = alice_client()
    duplicate = ClientFactory(name="Alice M.", email="alice.m@example.org", phone="")
    duplicate.practice_notes = "Called twice."
    duplicate.save()
    moved = book(serena, duplicate, session60, alice_booking.start + timedelta(days=7))
    url = reverse("office:client_merge", args=[survivor.pk])
    browser = office_client(frank)

    confirm_page = browser.get(url, {"other": duplicate.pk})
    assert confirm_page.status_code == 200
    assert "alice.m@example.org" in confirm_page.content.decode()
    unconfirmed = browser.post(url, {"other": duplicate.pk})
    assert unconfirmed.status_code == 400
    assert "Tick the box" in unconfirmed.content.decode()
    assert Client.objects.filter(pk=duplicate.pk).exists()

    response = browser.post(url, {"other": duplicate.pk, "confirm": "on"})
    assert response.status_code == 302
    assert not Client.objects.filter(pk=duplicate.pk).exists()
    assert (
        Client.objects.filter(email__in=["alice@example.com", "alice.m@example.org"]).count() == 1
    )
    assert Booking.objects.get(pk=moved.pk).client_id == survivor.pk
    survivor.refresh_from_db()
    assert survivor.name == "Alice Martin" and survivor.phone == "416-555-0101"
    assert survivor.practice_notes == "Called twice."
    record = ClientMerge.objects.get(survivor=survivor)
    assert record.merged_email == "alice.m@example.org"
    assert record.fields_taken == ["practice_notes"]
    assert record.bookings_moved == 1
    assert record.merged_by == frank


def test_it_takes_only_missing_fields_from_the_duplicate(office_client, frank, bob):
    survivor = Client.objects.get(email="bob@example.com")  # no phone
    duplicate = ClientFactory(name="Robert Nguyen", email="rob@example.org", phone="905 555 0123")
    office_client(frank).post(
        reverse("office:client_merge", args=[survivor.pk]),
        {"other": duplicate.pk, "confirm": "on"},
    )
    survivor.refresh_from_db()
    assert survivor.name == "Bob Nguyen" and survivor.email == "bob@example.com"
    assert survivor.phone == "905 555 0123"
    assert ClientMerge.objects.get().fields_taken == ["phone"]


@pytest.mark.parametrize("other", ["", "abc", "-1"])
def test_it_never_fails_on_a_bad_merge_choice(office_client, frank, alice, other):
    url = reverse("office:client_merge", args=[alice_client().pk])
    browser = office_client(frank)
    assert browser.get(url, {"other": other}).status_code == 200
    assert browser.post(url, {"other": other, "confirm": "on"}).status_code == 400
    assert Client.objects.count() == 1


def test_it_refuses_to_merge_a_client_with_itself(office_client, frank, alice):
    pk = alice_client().pk
    response = office_client(frank).post(
        reverse("office:client_merge", args=[pk]), {"other": pk, "confirm": "on"}
    )
    assert response.status_code == 400
    assert Client.objects.filter(pk=pk).exists()


def test_it_answers_404_for_unknown_clients_in_every_client_screen(office_client, frank, alice):
    browser = office_client(frank)
    missing = alice_client().pk + 999
    assert browser.get(reverse("office:client", args=[missing])).status_code == 404
    assert browser.get(reverse("office:client_merge", args=[missing])).status_code == 404
    merge_url = reverse("office:client_merge", args=[alice_client().pk])
    assert browser.get(merge_url, {"other": missing}).status_code == 404


def test_it_hides_clients_from_signed_in_non_staff(client, mallory, alice):
    client.force_login(mallory)
    for name in ("office:clients",):
        assert client.get(reverse(name)).status_code == 404
    for name in ("office:client", "office:client_merge"):
        assert client.get(reverse(name, args=[alice_client().pk])).status_code == 404
    response = client.post(
        reverse("office:client_notes", args=[alice_client().pk]), {"practice_notes": "x"}
    )
    assert response.status_code == 404


def test_it_gives_another_practitioner_no_clinical_link_to_someone_elses_client(
    office_client, maya, alice_booking
):
    browser = office_client(maya)
    response = browser.get(reverse("office:client", args=[alice_booking.client_id]))
    assert response.status_code == 200
    url = reverse("office:client_clinical", args=[alice_booking.client_id])
    assert url not in response.content.decode()
    assert browser.get(url).status_code == 404
