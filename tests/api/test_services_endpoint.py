from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from craniocare.catalog.models import Service
from tests.factories import ServiceFactory

from .helpers import API

pytestmark = pytest.mark.django_db


def test_it_lists_the_active_services(client: Client, practice: object) -> None:
    ServiceFactory(slug="craniosacral-60", name="CST 60", price=Decimal("120"), position=1)
    ServiceFactory(slug="jaw-tmj-60", name="Jaw", price=Decimal("130.5"), position=2)
    ServiceFactory(slug="retired", active=False)
    response = client.get(f"{API}/services")
    assert response.status_code == 200
    assert response.json() == [
        {
            "slug": "craniosacral-60",
            "name": "CST 60",
            "duration_minutes": 60,
            "price": "120.00",
            "currency": "CAD",
            "description": "Hands-on work from the head to the sacrum.",
        },
        {
            "slug": "jaw-tmj-60",
            "name": "Jaw",
            "duration_minutes": 60,
            "price": "130.50",
            "currency": "CAD",
            "description": "Hands-on work from the head to the sacrum.",
        },
    ]


def test_it_answers_an_empty_list_without_services(client: Client) -> None:
    assert Service.objects.count() == 0
    response = client.get(f"{API}/services")
    assert response.status_code == 200
    assert response.json() == []


def test_it_refuses_other_methods(client: Client) -> None:
    assert client.post(f"{API}/services").status_code == 405
