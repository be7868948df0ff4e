"""Properties of the engine's office variant (`office_slots`) over the same random scenarios as
the online engine: no notice, no booking window, but never an overlap and never outside hours.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from craniocare.lib.intervals import Interval, overlaps
from craniocare.scheduling.availability import Schedule, WeeklyHours
from craniocare.scheduling.slots import Slot, SlotRules, blocked_range, office_slots
from tests.scheduling.helpers import day_clock, reference_hours, reference_slots
from tests.scheduling.test_slots_properties import PROPERTY, THOROUGH, Scenario, scenarios

# Longer than any scenario reaches (they span a few days around 2026-2028).
NO_WINDOW = timedelta(days=3650)


def office(scenario: Scenario, rules: SlotRules | None = None) -> list[Slot]:
    return office_slots(
        schedule=scenario.plan,
        rules=rules or scenario.slot_rules,
        first_day=scenario.first_day,
        last_day=scenario.last_day,
        now=scenario.now,
        time_off=scenario.time_off,
        busy=scenario.busy,
    )


@THOROUGH
@given(scenarios())
def test_it_matches_the_online_reference_without_notice_or_window(scenario: Scenario) -> None:
    unbounded = replace(scenario.slot_rules, min_notice=timedelta(0), window=NO_WINDOW)
    expected = reference_slots(
        plan=scenario.plan,
        slot_rules=unbounded,
        first_day=scenario.first_day,
        last_day=scenario.last_day,
        now=scenario.now,
        time_off=scenario.time_off,
        busy=scenario.busy,
    )
    assert [(slot.start, slot.end) for slot in office(scenario)] == expected


@PROPERTY
@given(scenarios())
def test_every_office_start_fits_an_open_interval_and_overlaps_no_busy_range(
    scenario: Scenario,
) -> None:
    zone = scenario.plan.zone
    now = scenario.now.astimezone(UTC)
    for slot in office(scenario):
        assert slot.start >= now
        blocked = blocked_range(slot.start, scenario.slot_rules)
        assert not any(overlaps(blocked, busy) for busy in scenario.busy)
        session = Interval(slot.start, slot.end)
        assert not any(overlaps(session, away) for away in scenario.time_off)
        day = slot.start.astimezone(zone).date()
        assert scenario.first_day <= day <= scenario.last_day
        clock = day_clock(zone, day)
        assert any(
            clock.first_at_or_after[start] <= slot.start
            and slot.end <= clock.first_at_or_after[end]
            for start, end in reference_hours(scenario.plan, day)
        )


@PROPERTY
@given(scenarios())
def test_the_online_starts_are_a_subset_of_the_office_starts(scenario: Scenario) -> None:
    assert set(scenario.slots()) <= set(office(scenario))


@PROPERTY
@given(scenarios(), st.data())
def test_it_ignores_the_rules_notice_and_window(scenario: Scenario, data: st.DataObject) -> None:
    other = replace(
        scenario.slot_rules,
        min_notice=data.draw(st.integers(0, 10_000)) * timedelta(minutes=1),
        window=data.draw(st.integers(0, 400)) * timedelta(days=1),
    )
    assert office(scenario, other) == office(scenario)


def test_it_offers_a_start_inside_the_notice_and_beyond_the_window_but_not_in_the_past() -> None:
    zone = ZoneInfo("America/Toronto")
    monday = date(2027, 6, 14)
    hours = Schedule(zone=zone, weekly=(WeeklyHours(0, time(9), time(12)),))
    rules = SlotRules(
        duration=timedelta(hours=1),
        step=timedelta(minutes=30),
        buffer_after=timedelta(minutes=15),
        min_notice=timedelta(hours=12),
        window=timedelta(days=1),
    )
    now = datetime(2027, 6, 14, 9, 40, tzinfo=zone)
    far = monday + timedelta(weeks=52)
    busy = [
        Interval(
            datetime(2027, 6, 14, 11, 15, tzinfo=zone), datetime(2027, 6, 14, 12, 0, tzinfo=zone)
        )
    ]
    slots = office_slots(
        schedule=hours, rules=rules, first_day=monday, last_day=far, now=now, busy=busy
    )
    local = [slot.start.astimezone(zone) for slot in slots]
    # 09:00 and 09:30 have passed; 10:00's buffer ends as the busy time begins, 10:30 overlaps it.
    assert [t.strftime("%H:%M") for t in local if t.date() == monday] == ["10:00"]
    assert [t.strftime("%H:%M") for t in local if t.date() == far] == [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
        "11:00",
    ]
