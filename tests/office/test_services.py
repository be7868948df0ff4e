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
        "duration_minutes_hours": "1",
        "duration_minutes_minutes": "0",
        "price": "130.00",
        "buffer_before_minutes_hours": "",
        "buffer_before_minutes_minutes": "",
        "buffer_after_minutes_hours": "0",
        "buffer_after_minutes_minutes": "15",
        "min_notice_minutes_amount": "12",
        "min_notice_minutes_unit": "hours",
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
        (
            {"duration_minutes_hours": "0", "duration_minutes_minutes": "3"},
            "A session is at least 5 minutes long.",
        ),
        ({"duration_minutes_hours": "10"}, "A session is at most 8 hours long."),
        ({"duration_minutes_minutes": "90"}, "write 90 minutes as 1 hour 30 minutes"),
        (
            {"duration_minutes_hours": "", "duration_minutes_minutes": ""},
            "Give the length of a session.",
        ),
        ({"price": "-5"}, "The price cannot be negative."),
        ({"price": "lots"}, "Enter a number."),
        ({"buffer_after_minutes_hours": "5"}, "A buffer is at most 4 hours."),
        (
            {"min_notice_minutes_amount": "200", "min_notice_minutes_unit": "days"},
            "reaches past the booking window",
        ),
        ({"min_notice_minutes_amount": "soon"}, "Write the notice as a whole number."),
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


def test_it_takes_durations_in_hours_minutes_and_days_and_stores_minutes(office_client, serena):
    browser = office_client(serena)
    data = valid(
        serena,
        duration_minutes_hours="1",
        duration_minutes_minutes="30",
        min_notice_minutes_amount="2",
        min_notice_minutes_unit="days",
    )
    assert browser.post(reverse("office:service_new"), data).status_code == 302
    service = Service.objects.get(slug="jaw-tmj-60")
    assert (service.duration_minutes, service.min_notice_minutes) == (90, 2 * 24 * 60)
    assert (service.buffer_before_minutes, service.buffer_after_minutes) == (0, 15)

    html = browser.get(reverse("office:service_edit", args=[service.pk])).content.decode()
    assert 'name="duration_minutes_hours" value="1"' in html
    assert 'name="duration_minutes_minutes" value="30"' in html
    assert 'name="min_notice_minutes_amount" value="2"' in html
    assert '<option value="days" selected>days</option>' in html
    for legend in ("What it is", "Timing", "Rules for clients", "Who offers it"):
        assert f"<legend>{legend}</legend>" in html


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


def test_a_new_service_starts_from_the_usual_buffers(office_client, serena):
    html = office_client(serena).get(reverse("office:service_new")).content.decode()
    assert 'name="buffer_after_minutes_minutes" value="15"' in html
    assert 'name="buffer_before_minutes_hours" value="0"' in html
