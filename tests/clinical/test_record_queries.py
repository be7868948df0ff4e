"""The client's clinical record page (with its list of session notes) runs the same number of
queries whatever the number of notes: no query per note (the budget in bench/bench_records.py
times it; this test only counts)."""

from __future__ import annotations

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from craniocare.clinical.services import addendum_add
from tests.clinical.helpers import session, signed_note

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock_stands_still():
    """The office writes the session once a minute (accounts/sessions.py touch); on a slow run
    that minute could fall between the two counts, so the clock stands still here."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


def queries_for_page(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_sessions(serena, alice_client, session60, days: range) -> None:
    for days_ago in days:
        note = signed_note(session(serena, alice_client, session60, days_ago=days_ago), serena)
        addendum_add(note=note, author=serena, reason="Late detail", text="Slept well after.")


def test_the_record_page_runs_as_many_queries_for_ten_notes_as_for_two(
    office_client, serena, alice_client, session60
):
    client = office_client(serena)
    url = reverse("office:client_clinical", args=[alice_client.pk])
    add_sessions(serena, alice_client, session60, range(1, 3))
    client.get(url)  # warm the per-process caches (practice profile, content version)
    with_two = queries_for_page(client, url)
    add_sessions(serena, alice_client, session60, range(3, 11))
    page = client.get(url).content.decode()
    assert page.count("Slept well") == 0 and page.count("1 addendum") == 10
    assert queries_for_page(client, url) == with_two
