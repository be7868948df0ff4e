"""The office records a client's optional date of birth (it sets a minor's retention period),
read through the bounded date parser: bad input is a clear error and what was typed stays."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_office_saves_a_date_of_birth(office_client, frank, alice_client):
    url = reverse("office:client_date_of_birth", args=[alice_client.pk])
    desk = office_client(frank)
    response = desk.post(url, {"date_of_birth": "2012-04-30"})
    assert response.status_code == 302
    alice_client.refresh_from_db()
    assert alice_client.date_of_birth == date(2012, 4, 30)
    page = desk.get(reverse("office:client", args=[alice_client.pk]))
    assert 'value="2012-04-30"' in page.content.decode()


def test_a_bad_or_future_date_is_a_form_error_that_keeps_the_input(
    office_client, frank, alice_client
):
    url = reverse("office:client_date_of_birth", args=[alice_client.pk])
    desk = office_client(frank)
    for typed in ("30/04/2012", "2999-01-01", "1850-01-01"):
        response = desk.post(url, {"date_of_birth": typed})
        assert response.status_code == 400
        assert typed in response.content.decode()
    alice_client.refresh_from_db()
    assert alice_client.date_of_birth is None


def test_clearing_the_date_removes_it(office_client, frank, alice_client):
    alice_client.date_of_birth = date(1990, 1, 1)
    alice_client.save()
    url = reverse("office:client_date_of_birth", args=[alice_client.pk])
    assert office_client(frank).post(url, {"date_of_birth": ""}).status_code == 302
    alice_client.refresh_from_db()
    assert alice_client.date_of_birth is None
