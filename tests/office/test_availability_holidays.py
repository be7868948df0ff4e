"""Public holidays in the Availability screen: the next twelve months listed, each one opened
("Open this day") or closed again, bookings on a holiday kept and counted, and the region chosen
in Settings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.urls import reverse

from craniocare.bookings.models import Booking, Status
from craniocare.clients.models import Client
from craniocare.core.models import PracticeProfile
from craniocare.core.services import practice_profile_update
from craniocare.office.settings_forms import PracticeForm
from craniocare.scheduling.models import HolidayOpening, Practitioner
from tests.forms import posted_as_shown
from tests.office.helpers import book
from tests.office.test_availability import WEEK, ranges

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)  # Tuesday 1 December 2026, 10:00 in Toronto
CHRISTMAS = date(2026, 12, 25)
TORONTO = Practitioner._meta.get_field("time_zone").default


@pytest.fixture(autouse=True)
def december() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def christmas_at(hour: int) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.combine(CHRISTMAS, time(hour), tzinfo=ZoneInfo(TORONTO))


def holiday_row(response, day: date):
    return next(h for h in response.context["holidays"] if h.day == day)


def toggle(browser, day: date, open_: bool, **extra: str):
    data = {"date": day.isoformat(), "open": "1" if open_ else "0", **extra}
    return browser.post(reverse("office:availability_holiday"), data)


def test_it_lists_the_next_twelve_months_of_holidays_as_closed(office_client, serena, session60):
    response = office_client(serena).get(reverse("office:availability"))
    assert response.status_code == 200
    days = [h.day for h in response.context["holidays"]]
    assert CHRISTMAS in days and date(2027, 7, 1) in days
    assert days == sorted(days) and days[-1] <= date(2027, 11, 30)
    assert date(2027, 12, 25) not in days  # more than twelve months ahead
    assert not holiday_row(response, CHRISTMAS).opened
    html = response.content.decode()
    assert "public holidays of Canada, Ontario are closed for online booking" in html
    assert "Christmas Day" in html and "Open this day" in html
    christmas = next(d for d in response.context["preview"] if d.day == date(2026, 12, 14))
    assert christmas.hours  # an ordinary Monday inside the preview keeps its hours


def test_opening_a_holiday_and_closing_it_again(office_client, serena, session60):
    browser = office_client(serena)
    opened = toggle(browser, CHRISTMAS, True)
    assert opened.status_code == 302
    assert HolidayOpening.objects.filter(date=CHRISTMAS).exists()
    page = browser.get(reverse("office:availability"))
    assert holiday_row(page, CHRISTMAS).opened
    assert "Close again" in page.content.decode()

    closed = toggle(browser, CHRISTMAS, False)
    assert closed.status_code == 302
    assert not HolidayOpening.objects.exists()
    assert not holiday_row(browser.get(reverse("office:availability")), CHRISTMAS).opened


def test_closing_an_opened_holiday_with_a_booking_asks_first_and_keeps_it(
    office_client, serena, alice, session60
):
    browser = office_client(serena)
    toggle(browser, CHRISTMAS, True)
    booking = book(serena, Client.objects.get(user=alice), session60, christmas_at(10))

    asked = toggle(browser, CHRISTMAS, False)
    assert asked.status_code == 200
    assert asked.context["decide"]["stranded"] == [booking]
    assert HolidayOpening.objects.exists(), "not saved before she decides"

    kept = toggle(browser, CHRISTMAS, False, decision="keep")
    assert kept.status_code == 302
    assert not HolidayOpening.objects.exists()
    assert Booking.objects.get(pk=booking.pk).status == Status.CONFIRMED
    page = browser.get(reverse("office:availability"))
    assert holiday_row(page, CHRISTMAS).bookings == 1
    assert "1 booking that day" in page.content.decode()


def test_a_booking_made_before_the_holiday_was_closed_is_kept_and_not_asked_about_again(
    office_client, serena, alice, session60
):
    practice_profile_update(profile=PracticeProfile.load(), holiday_region="none")
    booking = book(serena, Client.objects.get(user=alice), session60, christmas_at(14))
    practice_profile_update(profile=PracticeProfile.load(), holiday_region="CA-ON")
    browser = office_client(serena)

    page = browser.get(reverse("office:availability"))
    assert holiday_row(page, CHRISTMAS).bookings == 1
    # An unrelated change to the weekly hours saves at once: the holiday booking was kept on
    # purpose and is not listed as stranded by it.
    saved = browser.post(
        reverse("office:availability_weekly"), WEEK | ranges("day_5", "10:00-12:00")
    )
    assert saved.status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == Status.CONFIRMED


def test_it_explains_a_date_that_is_no_holiday_and_odd_input(office_client, serena):
    browser = office_client(serena)
    response = toggle(browser, date(2026, 12, 23), True)
    assert response.status_code == 302
    page = browser.get(response["Location"]).content.decode()
    assert "not a public holiday" in page
    for data in ({"date": "9999-99-99", "open": "1"}, {"date": "", "open": "x"}, {}):
        odd = browser.post(reverse("office:availability_holiday"), data)
        assert odd.status_code == 302
    assert not HolidayOpening.objects.exists()


def test_front_desk_cannot_open_a_holiday(office_client, frank, serena):
    response = toggle(office_client(frank), CHRISTMAS, True)
    assert response.status_code == 404  # practitioner-only, as every Availability action
    assert not HolidayOpening.objects.exists()


def settings_data(**changes: str) -> dict[str, object]:
    form = PracticeForm(instance=PracticeProfile.load())
    return posted_as_shown(form) | changes


def test_the_region_is_chosen_in_settings_and_none_switches_holidays_off(
    office_client, serena, session60
):
    browser = office_client(serena)
    settings_page = browser.get(reverse("office:settings")).content.decode()
    assert "Public holidays" in settings_page
    assert '<option value="CA-ON" selected>Ontario</option>' in settings_page

    saved = browser.post(reverse("office:settings_practice"), settings_data(holiday_region="none"))
    assert saved.status_code == 302
    assert PracticeProfile.load().holiday_region == "none"
    page = browser.get(reverse("office:availability"))
    assert page.context["holidays"] == []
    assert "no holiday region is chosen" in page.content.decode()


def test_settings_refuse_an_unknown_region_and_keep_what_was_typed(office_client, serena):
    browser = office_client(serena)
    data = settings_data(holiday_region="XX-YY", tagline="Quiet hands")
    response = browser.post(reverse("office:settings_practice"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert 'value="Quiet hands"' in html
    assert PracticeProfile.load().holiday_region == "CA-ON"
