"""The stranded-bookings check lists only bookings an availability change really affects: those
inside today's working time that the change would put outside it, and those on the dates the
change touches. A booking the office made out of hours earlier is not listed by every save."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from craniocare.bookings.stranded import stranded_bookings
from craniocare.clients.models import Client
from craniocare.scheduling.hooks import Proposal
from craniocare.scheduling.models import Practitioner
from tests.clock import NEXT_MONDAY, NOW, toronto
from tests.factories import give_hours
from tests.office.helpers import book

pytestmark = pytest.mark.django_db

THURSDAY = NEXT_MONDAY + timedelta(days=3)
DAY = ((time(9), time(12)), (time(13), time(17)))
WEEK = dict.fromkeys(range(5), DAY)


@pytest.fixture
def serena_hours(serena) -> Practitioner:
    practitioner = Practitioner.objects.get(user=serena)
    give_hours(practitioner)
    return practitioner


@pytest.fixture
def evening(serena, serena_hours, alice, session60):
    """Booked by the office on Thursday at 18:30, outside Serena's hours (9:00-17:00)."""
    return book(serena, Client.objects.get(user=alice), session60, toronto(THURSDAY, 18, 30))


@pytest.fixture
def afternoon(serena, serena_hours, bob, session60):
    """Bob's Tuesday 15:00, inside the hours."""
    tuesday = NEXT_MONDAY + timedelta(days=1)
    return book(serena, Client.objects.get(user=bob), session60, toronto(tuesday, 15))


def stranded(practitioner: Practitioner, proposal: Proposal) -> list:
    return stranded_bookings(practitioner=practitioner, proposal=proposal, now=NOW)


@pytest.mark.parametrize(
    "proposal",
    [
        Proposal(weekly=WEEK),  # saved as it is
        Proposal(weekly=WEEK | {0: ((time(9), time(12)),)}),  # Mondays shorter
        Proposal(override_day=NEXT_MONDAY, override_intervals=()),  # another day closed
        Proposal(time_off=[(toronto(NEXT_MONDAY, 9), toronto(NEXT_MONDAY, 12))]),
    ],
    ids=["unchanged week", "other weekday", "other date closed", "time off elsewhere"],
)
def test_an_unrelated_change_does_not_list_a_booking_made_outside_hours(
    serena_hours, evening, afternoon, proposal
):
    assert stranded(serena_hours, proposal) == []


def test_a_change_that_strands_a_booking_lists_only_that_one(serena_hours, evening, afternoon):
    tuesdays_mornings = WEEK | {1: ((time(9), time(12)),)}
    assert stranded(serena_hours, Proposal(weekly=tuesdays_mornings)) == [afternoon]


@pytest.mark.parametrize(
    "proposal",
    [
        Proposal(override_day=THURSDAY, override_intervals=((time(10), time(14)),)),
        Proposal(weekly=WEEK | {3: ((time(8), time(16)),)}),  # Thursdays change
        Proposal(time_off=[(toronto(THURSDAY, 18), toronto(THURSDAY, 20))]),
    ],
    ids=["that date's hours", "that weekday's hours", "time off over it"],
)
def test_a_change_to_the_date_of_an_out_of_hours_booking_lists_it(
    serena_hours, evening, afternoon, proposal
):
    """Editing the very day it is on is the moment to decide about it again."""
    assert stranded(serena_hours, proposal) == [evening]
