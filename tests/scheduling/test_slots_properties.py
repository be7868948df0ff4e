"""Properties of the slot engine over random schedules, overrides, time off, busy time, `now`
and zones (several with DST, half-hour and 45-minute offsets), biased towards DST change days.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from craniocare.lib.intervals import Interval, overlaps
from craniocare.scheduling.availability import DateOverride, Schedule, WeeklyHours
from craniocare.scheduling.slots import (
    Slot,
    SlotRules,
    available_slots,
    blocked_range,
    is_offered,
)
from tests.scheduling.helpers import day_clock, minutes_of, reference_hours, reference_slots

# Each zone with its 2027 change days (none for the fixed-offset ones).
CHANGE_DAYS = {
    "America/Toronto": [date(2027, 3, 14), date(2027, 11, 7)],
    "Europe/London": [date(2027, 3, 28), date(2027, 10, 31)],
    "Australia/Adelaide": [date(2027, 4, 4), date(2027, 10, 3)],
    "Asia/Kolkata": [],
    "Asia/Kathmandu": [],
    "Australia/Lord_Howe": [date(2027, 4, 4), date(2027, 10, 3)],
    "Pacific/Chatham": [date(2027, 4, 4), date(2027, 9, 26)],
    "America/Santiago": [date(2027, 4, 4), date(2027, 9, 5)],  # changes at midnight
    "UTC": [],
}
FIVE = timedelta(minutes=5)
# Drawing a scenario costs more than checking it; the reference comparison gets more examples.
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(PROPERTY, max_examples=250)


@dataclass(frozen=True)
class Scenario:
    plan: Schedule
    slot_rules: SlotRules
    first_day: date
    last_day: date
    now: datetime
    time_off: tuple[Interval, ...]
    busy: tuple[Interval, ...]

    def slots(self, first_day: date | None = None, last_day: date | None = None) -> list[Slot]:
        return available_slots(
            schedule=self.plan,
            rules=self.slot_rules,
            first_day=first_day or self.first_day,
            last_day=last_day or self.last_day,
            now=self.now,
            time_off=self.time_off,
            busy=self.busy,
        )

    def offers(self, start: datetime) -> bool:
        return is_offered(
            start,
            schedule=self.plan,
            rules=self.slot_rules,
            now=self.now,
            time_off=self.time_off,
            busy=self.busy,
        )


def five_minutes(low: int, high: int) -> st.SearchStrategy[timedelta]:
    return st.integers(low, high).map(lambda n: n * FIVE)


@st.composite
def wall_spans(draw: st.DrawFn) -> tuple[time, time]:
    """Local hours; half of them start in the small hours, where clocks change."""
    start = draw(st.one_of(st.integers(0, 286), st.integers(0, 48))) * 5
    end = min(start + draw(st.integers(1, 144)) * 5, 1435)
    return time(start // 60, start % 60), time(end // 60, end % 60)


@st.composite
def first_days(draw: st.DrawFn, zone_name: str) -> date:
    """Mostly a day or two around one of the zone's clock changes."""
    change_days = CHANGE_DAYS[zone_name]
    if len(change_days) > 0 and draw(st.booleans()):
        return draw(st.sampled_from(change_days)) + timedelta(days=draw(st.integers(-2, 0)))
    return draw(st.dates(date(2026, 1, 1), date(2028, 12, 31)))


@st.composite
def intervals_near(draw: st.DrawFn, origin: datetime, days: int, longest: int = 36) -> Interval:
    """An interval of up to ``longest`` five-minute steps around the scenario's dates."""
    start = origin + draw(five_minutes(-288, (days + 2) * 288))
    return Interval(start, start + draw(five_minutes(1, longest)))


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    zone_name = draw(st.sampled_from(sorted(CHANGE_DAYS)))
    zone = ZoneInfo(zone_name)
    first_day = draw(first_days(zone_name))
    days = draw(st.integers(0, 3))
    last_day = first_day + timedelta(days=days)
    spans = draw(st.lists(st.tuples(st.integers(0, 6), wall_spans()), min_size=1, max_size=8))
    if draw(st.booleans()):  # the same hours every day, so change days have hours too
        spans = [(weekday, span) for _, span in spans for weekday in range(7)]
    weekly = tuple(WeeklyHours(weekday, *span) for weekday, span in spans)
    override_days = st.integers(-1, days + 1).map(lambda n: first_day + timedelta(days=n))
    overrides = tuple(
        DateOverride(day, tuple(spans))
        for day, spans in draw(
            st.lists(st.tuples(override_days, st.lists(wall_spans(), max_size=3)), max_size=3)
        )
    )
    slot_rules = SlotRules(
        duration=draw(five_minutes(1, 36)),
        step=draw(st.sampled_from([5, 10, 15, 20, 30, 45, 60, 90])) * timedelta(minutes=1),
        buffer_before=draw(five_minutes(0, 6)),
        buffer_after=draw(five_minutes(0, 6)),
        min_notice=draw(st.one_of(st.just(timedelta(0)), five_minutes(0, 288))),
        window=draw(st.one_of(st.just(timedelta(days=180)), five_minutes(12, 2880))),
    )
    origin = datetime.combine(first_day, time(0), tzinfo=UTC)
    now = origin + draw(five_minutes(-576, days * 288 + 200))
    now = now.astimezone(draw(st.sampled_from([UTC, zone])))
    time_off = tuple(draw(st.lists(intervals_near(origin, days, longest=48), max_size=4)))
    busy = tuple(draw(st.lists(intervals_near(origin, days), max_size=12)))
    return Scenario(
        Schedule(zone, weekly, overrides), slot_rules, first_day, last_day, now, time_off, busy
    )


@THOROUGH
@given(scenarios())
def test_it_matches_a_brute_force_reference(scenario: Scenario) -> None:
    expected = reference_slots(
        plan=scenario.plan,
        slot_rules=scenario.slot_rules,
        first_day=scenario.first_day,
        last_day=scenario.last_day,
        now=scenario.now,
        time_off=scenario.time_off,
        busy=scenario.busy,
    )
    assert [(slot.start, slot.end) for slot in scenario.slots()] == expected


@PROPERTY
@given(scenarios())
def test_it_never_offers_a_slot_whose_blocked_range_overlaps_busy_time(scenario: Scenario) -> None:
    for slot in scenario.slots():
        blocked = blocked_range(slot.start, scenario.slot_rules)
        assert not any(overlaps(blocked, busy) for busy in scenario.busy)


@PROPERTY
@given(scenarios())
def test_it_never_offers_a_session_overlapping_time_off(scenario: Scenario) -> None:
    for slot in scenario.slots():
        session = Interval(slot.start, slot.end)
        assert not any(overlaps(session, away) for away in scenario.time_off)


@PROPERTY
@given(scenarios())
def test_it_offers_slots_only_inside_local_working_hours_of_their_date(scenario: Scenario) -> None:
    zone = scenario.plan.zone
    for slot in scenario.slots():
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
def test_it_respects_notice_window_and_the_local_step_grid(scenario: Scenario) -> None:
    zone, slot_rules = scenario.plan.zone, scenario.slot_rules
    step = int(slot_rules.step / timedelta(minutes=1))
    now = scenario.now.astimezone(UTC)  # zoned arithmetic would drop a fold=1 `now`'s fold
    for slot in scenario.slots():
        assert now + slot_rules.min_notice <= slot.start <= now + slot_rules.window
        wall = slot.start.astimezone(zone)
        assert wall.fold == 0  # a repeated wall time is only offered at its first occurrence
        minute = minutes_of(wall.time())
        assert any(
            start <= minute < end and (minute - start) % step == 0
            for start, end in reference_hours(scenario.plan, wall.date())
        )


@PROPERTY
@given(scenarios())
def test_it_returns_sorted_unique_utc_slots_of_the_service_length(scenario: Scenario) -> None:
    slots = scenario.slots()
    assert all(a.start < b.start for a, b in itertools.pairwise(slots))
    for slot in slots:
        assert slot.start.tzinfo is UTC
        assert slot.end - slot.start == scenario.slot_rules.duration
    assert scenario.slots() == slots  # deterministic


@PROPERTY
@given(scenarios(), st.data())
def test_it_agrees_with_is_offered_for_offered_and_other_starts(
    scenario: Scenario, data: st.DataObject
) -> None:
    slots = scenario.slots()
    offered = {slot.start for slot in slots}
    zone = scenario.plan.zone
    origin = datetime.combine(scenario.first_day, time(0), tzinfo=UTC)
    days = (scenario.last_day - scenario.first_day).days
    sample = slots[:: max(1, len(slots) // 20)]  # about 20 slots, spread over the range
    probes = [slot.start + shift for slot in sample for shift in (-FIVE, timedelta(0), FIVE)]
    probes += data.draw(
        st.lists(five_minutes(-288, (days + 2) * 288).map(lambda d: origin + d), max_size=20)
    )
    shown_in = data.draw(st.sampled_from([UTC, zone]))
    for probe in probes:
        if scenario.first_day <= probe.astimezone(zone).date() <= scenario.last_day:
            assert scenario.offers(probe.astimezone(shown_in)) == (probe in offered), probe


@PROPERTY
@given(scenarios())
def test_it_gives_the_same_slots_day_by_day_as_for_the_whole_range(scenario: Scenario) -> None:
    by_day: list[Slot] = []
    day = scenario.first_day
    while day <= scenario.last_day:
        by_day += scenario.slots(day, day)
        day += timedelta(days=1)
    assert by_day == scenario.slots()


@PROPERTY
@given(scenarios(), st.data())
def test_it_only_takes_slots_away_when_busy_time_is_added(
    scenario: Scenario, data: st.DataObject
) -> None:
    origin = datetime.combine(scenario.first_day, time(0), tzinfo=UTC)
    days = (scenario.last_day - scenario.first_day).days
    extra = data.draw(st.lists(intervals_near(origin, days), min_size=1, max_size=4))
    busier = Scenario(**{**scenario.__dict__, "busy": scenario.busy + tuple(extra)})
    assert set(busier.slots()) <= set(scenario.slots())
