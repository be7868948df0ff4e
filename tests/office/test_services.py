"""Services (practitioner only): create, edit, deactivate, with validation that explains itself
and keeps what was typed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from craniocare.catalog.models import Service
from craniocare.scheduling.models import Practitioner

pytestmark = pytest.mark.django_db


def valid(serena, **changes):
    data = {
        "name": "Jaw and TMJ, 60 minutes",
        "slug": "jaw-tmj-60",
        "summary": "Gentle work for jaw tension.",
        "description": "",
        "duration_minutes": "60",
        "price": "130.00",
        "buffer_before_minutes": "0",
        "buffer_after_minutes": "15",
        "min_notice_minutes": "720",
        "booking_window_days": "180",
        "slot_step_minutes": "30",
        "cancellation_cutoff_hours": "24",
        "consents_required": ["intraoral"],
        "practitioners": [str(Practitioner.objects.get(user=serena).pk)],
        "active": "on",
        "position": "2",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_it_creates_a_service_with_its_practitioners_and_consents(office_client, serena):
    response = office_client(serena).post(reverse("office:service_new"), valid(serena))
    assert response.status_code == 302
    service = Service.objects.get(slug="jaw-tmj-60")
    assert service.price == Decimal("130.00")
    assert service.consents_required == ["intraoral"]
    assert list(service.practitioners.values_list("user", flat=True)) == [serena.pk]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"duration_minutes": "3"}, "A session is at least 5 minutes long."),
        ({"duration_minutes": "600"}, "A session is at most 480 minutes (8 hours) long."),
        ({"price": "-5"}, "The price cannot be negative."),
        ({"price": "lots"}, "Enter a number."),
        ({"buffer_after_minutes": "300"}, "A buffer is at most 240 minutes."),
        ({"min_notice_minutes": "300000"}, "reaches past the booking window"),
        ({"practitioners": None}, "An active service needs at least one practitioner"),
        ({"cancellation_cutoff_hours": "5000"}, "clients could never cancel online"),
        ({"slug": "Jaw TMJ!"}, "Enter a valid"),
    ],
)
def test_it_explains_what_is_wrong_and_keeps_what_was_typed(
    office_client, serena, changes, message
):
    data = valid(serena, **changes)
    response = office_client(serena).post(reverse("office:service_new"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Jaw and TMJ, 60 minutes"' in html
    assert not Service.objects.filter(name="Jaw and TMJ, 60 minutes").exists()


def test_it_explains_a_web_address_name_already_in_use(office_client, serena, session60):
    response = office_client(serena).post(
        reverse("office:service_new"), valid(serena, slug=session60.slug)
    )
    assert response.status_code == 400
    assert "Another service already uses this web address name." in response.content.decode()


def test_it_edits_a_service(office_client, serena, session60):
    url = reverse("office:service_edit", args=[session60.pk])
    browser = office_client(serena)
    assert browser.get(url).status_code == 200
    data = valid(serena, name="CranioSacral, 60", slug=session60.slug, consents_required=None)
    assert browser.post(url, data).status_code == 302
    session60.refresh_from_db()
    assert session60.name == "CranioSacral, 60" and session60.consents_required == []


def test_it_deactivates_and_reactivates_a_service(office_client, serena, session60):
    url = reverse("office:service_active", args=[session60.pk])
    browser = office_client(serena)
    assert browser.post(url).status_code == 302
    assert Service.objects.get(pk=session60.pk).active is False
    assert browser.post(url, {"active": "on"}).status_code == 302
    assert Service.objects.get(pk=session60.pk).active is True


def test_it_will_not_reactivate_a_service_nobody_offers(office_client, serena, session60):
    session60.practitioners.clear()
    session60.active = False
    session60.save()
    browser = office_client(serena)
    response = browser.post(reverse("office:service_active", args=[session60.pk]), {"active": "on"})
    assert response.status_code == 302
    assert Service.objects.get(pk=session60.pk).active is False
    page = browser.get(response["Location"]).content.decode()
    assert "needs at least one practitioner" in page


def test_it_answers_front_desk_404_on_services(office_client, frank, session60):
    browser = office_client(frank)
    assert browser.get(reverse("office:services")).status_code == 404
    assert browser.get(reverse("office:service_edit", args=[session60.pk])).status_code == 404
    assert browser.post(reverse("office:service_active", args=[session60.pk])).status_code == 404
    assert Service.objects.get(pk=session60.pk).active is True


def test_it_answers_404_for_an_unknown_service(office_client, serena, session60):
    url = reverse("office:service_edit", args=[session60.pk + 100])
    assert office_client(serena).get(url).status_code == 404
