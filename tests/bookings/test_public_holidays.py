"""Public holidays of the practice's region (PracticeProfile.holiday_region, Ontario by default)
are closed for online booking, through the API and /book/ alike, unless the practitioner opens
one; an opened holiday follows her weekly hours. The office can still book a client in by phone
on a holiday, as on any closed date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from craniocare.accounts.models import User
from craniocare.bookings.errors import SlotUnavailable
from craniocare.bookings.models import Source
from craniocare.bookings.requests import ClientDetails
from craniocare.bookings.services import booking_create
from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile
from craniocare.core.services import practice_profile_update
from craniocare.lib.holidays import public_holidays, region_label
from craniocare.scheduling.models import DateOverride, HolidayOpening
from craniocare.scheduling.services import holiday_opening_set
from tests.booking_web.helpers import time_links
from tests.clock import toronto

pytestmark = pytest.mark.django_db

CHRISTMAS_2026 = date(2026, 12, 25)  # a Friday
CANADA_DAY_2027 = date(2027, 7, 1)  # a Thursday
FAMILY_DAY_2027 = date(2027, 2, 15)  # a Monday; Ontario has it, Quebec does not
# A clock a couple of weeks before each holiday (inside the 180-day booking window).
CLOCKS = {
    CHRISTMAS_2026: datetime(2026, 12, 10, 17, tzinfo=UTC),
    CANADA_DAY_2027: datetime(2027, 6, 16, 16, tzinfo=UTC),
    FAMILY_DAY_2027: datetime(2027, 2, 1, 17, tzinfo=UTC),
}
WORKING_DAY_STARTS = ["09:00", "09:30", "10:00", "10:30", "11:00",
                      "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"]  # fmt: skip


@pytest.fixture
def on_the_clock(request: pytest.FixtureRequest) -> Iterator[date]:
    """Pins the clock before the holiday the test is parametrized with; yields the holiday."""
    holiday: date = request.param
    with time_machine.travel(CLOCKS[holiday], tick=False):
        yield holiday


def api_starts(http: Client, day: date) -> list[str]:
    response = http.get(
        "/api/v1/availability",
        {
            "service": "craniosacral-60",
            "tz": "America/Toronto",
            "start": day.isoformat(),
            "end": day.isoformat(),
        },
    )
    assert response.status_code == 200
    return [slot["start"][11:16] for slot in response.json()["slots"]]


def book_page_days(http: Client, day: date) -> set[str]:
    """The dates (YYYY-MM-DD) /book/ offers times on, in the week of `day`."""
    response = http.get(
        reverse("bookings:book"),
        {"service": "craniosacral-60", "tz": "America/Toronto", "week": day.isoformat()},
    )
    assert response.status_code == 200
    return {link["href"].split("start=")[1][:10] for link in time_links(response)}


def set_region(region: str) -> None:
    practice_profile_update(profile=PracticeProfile.load(), holiday_region=region)


@pytest.mark.parametrize("on_the_clock", [CHRISTMAS_2026, CANADA_DAY_2027], indirect=True)
def test_a_public_holiday_is_not_offered_by_the_api_or_the_booking_page(
    client: Client, practice: PracticeProfile, session60: Service, on_the_clock: date
) -> None:
    holiday = on_the_clock
    assert practice.holiday_region == "CA-ON"
    assert api_starts(client, holiday) == []
    assert api_starts(client, holiday - timedelta(days=1)), "the day before is offered"
    offered = book_page_days(client, holiday)
    assert offered, "the rest of the week is offered"
    assert holiday.isoformat() not in offered


@pytest.mark.parametrize("on_the_clock", [CHRISTMAS_2026], indirect=True)
def test_online_booking_refuses_a_holiday_and_the_office_may_still_book_it(
    practice: PracticeProfile,
    session60: Service,
    serena: User,
    alice_details: ClientDetails,
    on_the_clock: date,
) -> None:
    values: dict[str, Any] = {
        "service": session60,
        "start": toronto(CHRISTMAS_2026, 10),
        "client": alice_details,
        "booked_tz": "America/Toronto",
    }
    with pytest.raises(SlotUnavailable):
        booking_create(source=Source.ONLINE, **values)
    office = booking_create(source=Source.OFFICE, allow_outside_rules=True, **values)
    assert office.booking.start == toronto(CHRISTMAS_2026, 10)


@pytest.mark.parametrize("on_the_clock", [CHRISTMAS_2026, CANADA_DAY_2027], indirect=True)
def test_a_reopened_holiday_is_offered_with_the_weekly_hours(
    client: Client,
    practice: PracticeProfile,
    session60: Service,
    serena: User,
    on_the_clock: date,
) -> None:
    holiday_opening_set(practitioner=serena.practitioner, day=on_the_clock, open_=True)
    assert api_starts(client, on_the_clock) == WORKING_DAY_STARTS
    assert on_the_clock.isoformat() in book_page_days(client, on_the_clock)

    holiday_opening_set(practitioner=serena.practitioner, day=on_the_clock, open_=False)
    assert api_starts(client, on_the_clock) == []
    assert not HolidayOpening.objects.exists()


@pytest.mark.parametrize("on_the_clock", [CHRISTMAS_2026, CANADA_DAY_2027], indirect=True)
def test_with_the_region_none_holidays_are_offered(
    client: Client, practice: PracticeProfile, session60: Service, on_the_clock: date
) -> None:
    set_region("none")
    assert api_starts(client, on_the_clock) == WORKING_DAY_STARTS


@pytest.mark.parametrize("on_the_clock", [FAMILY_DAY_2027], indirect=True)
def test_the_region_decides_which_days_are_closed(
    client: Client, practice: PracticeProfile, session60: Service, on_the_clock: date
) -> None:
    assert api_starts(client, FAMILY_DAY_2027) == []  # Ontario
    set_region("CA-QC")
    assert api_starts(client, FAMILY_DAY_2027) == WORKING_DAY_STARTS


@pytest.mark.parametrize("on_the_clock", [CHRISTMAS_2026], indirect=True)
def test_hours_set_for_the_date_win_over_the_holiday(
    client: Client,
    practice: PracticeProfile,
    session60: Service,
    serena: User,
    on_the_clock: date,
) -> None:
    DateOverride.objects.create(
        practitioner=serena.practitioner, date=CHRISTMAS_2026, intervals=[["10:00", "12:00"]]
    )
    assert api_starts(client, CHRISTMAS_2026) == ["10:00", "10:30", "11:00"]


def test_only_a_public_holiday_can_be_opened(practice: PracticeProfile, serena: User):
    with pytest.raises(ValidationError, match="not a public holiday"):
        holiday_opening_set(practitioner=serena.practitioner, day=date(2026, 12, 23), open_=True)
    assert not HolidayOpening.objects.exists()


def test_an_unknown_region_is_refused(practice: PracticeProfile) -> None:
    with pytest.raises(ValidationError) as caught:
        set_region("XX-YY")
    assert "holiday_region" in caught.value.message_dict
    assert PracticeProfile.load().holiday_region == "CA-ON"


def test_the_library_knows_ontarios_holidays_and_names_the_region() -> None:
    found = public_holidays("CA-ON", date(2026, 12, 1), date(2027, 9, 30))
    assert found[CHRISTMAS_2026] == "Christmas Day"
    assert found[CANADA_DAY_2027] == "Canada Day"
    assert found[FAMILY_DAY_2027] == "Family Day"
    assert found[date(2027, 9, 6)] == "Labour Day"  # Canadian spelling
    assert public_holidays("none", date(2026, 1, 1), date(2027, 12, 31)) == {}
    assert region_label("CA-ON") == "Canada, Ontario"
    assert region_label("CA") == "Canada (national holidays)"
