"""The demo practice has two practitioners, each with their own services: the public flow
offers each service at its own practitioner's hours and books it with them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from craniocare.bookings.models import Booking, Source

from .helpers import ALICE, form_with, plain, text, time_links

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booking_site")]

SOMATIC = "somatic-release-60"


def test_the_service_list_offers_pias_service_too(client):
    page = text(client.get(reverse("bookings:book")))
    assert f"?service={SOMATIC}" in page and "Somatic Release" in page


def test_pias_service_is_offered_in_her_hours_and_booked_with_her(client):
    week = client.get(
        reverse("bookings:book"),
        {"service": SOMATIC, "tz": "America/Toronto", "week": "2027-01-18"},
    )
    assert week.status_code == 200
    offered = [" ".join(link["text"].split()) for link in time_links(week)]
    # Tuesday and Thursday from noon, Saturday mornings: never Serena's Monday or Friday.
    assert offered and all(
        label.split()[0] in {"Tuesday", "Thursday", "Saturday"} for label in offered
    ), offered
    assert offered[0].startswith("Tuesday 19 January, 12")

    details = client.get(time_links(week)[0]["href"])
    form = form_with(details, "/new/review/")
    review = client.post(form.action, form.data(**ALICE))
    assert review.status_code == 200
    assert "With Pia Lindqvist" in plain(review)
    assert "With Serena Hale" not in plain(review)
    done = client.post(
        form_with(review, "/new/confirm/").action, form_with(review, "/new/confirm/").data()
    )
    assert done.status_code == 303
    booking = Booking.objects.get(source=Source.ONLINE, client_email=ALICE["email"])
    assert booking.practitioner.slug == "pia" and booking.service.slug == SOMATIC
    assert "Pia Lindqvist" in plain(client.get(done["Location"]))


def test_serenas_services_stay_with_serena(client):
    week = client.get(
        reverse("bookings:book"),
        {"service": "craniosacral-60", "tz": "America/Toronto", "week": "2027-01-18"},
    )
    offered = [" ".join(link["text"].split()) for link in time_links(week)]
    assert offered and not any(label.startswith("Saturday") for label in offered)
    assert not any(label.endswith(("17:00", "17:30", "18:00")) for label in offered)
