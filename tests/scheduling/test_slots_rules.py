"""Buffers, notice, window, overrides, time off and is_offered on an ordinary day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from craniocare.lib.intervals import Interval
from craniocare.scheduling.availability import DateOverride, Schedule, WeeklyHours
from craniocare.scheduling.slots import (
    Slot,
    SlotRules,
    available_slots,
    blocked_range,
    is_offered,
)
from tests.scheduling.helpers import TORONTO, at, local_times, override, rules, schedule, utc

DAY = date(2027, 6, 15)  # a Tuesday; Toronto is on EDT (UTC-4)
NOW = utc("2027-06-01 12:00")
HOURS = schedule(TORONTO, ("09:00", "12:00"), ("13:00", "17:00"), days=range(5))
MORNING = schedule(TORONTO, ("09:00", "13:00"))


def local(text: str) -> datetime:
    return at(TORONTO, DAY, text)


def booking(text: str, slot_rules: SlotRules) -> Interval:
    """The busy interval of an existing one-hour booking at local ``text`` on DAY."""
    return blocked_range(local(text), replace(slot_rules, duration=timedelta(hours=1)))


def day_slots(
    slot_rules: SlotRules,
    *,
    plan: Schedule = HOURS,
    busy: tuple[Interval, ...] = (),
    time_off: tuple[Interval, ...] = (),
    now: datetime = NOW,
) -> list[str]:
    slots = available_slots(
        schedule=plan,
        rules=slot_rules,
        first_day=DAY,
        last_day=DAY,
        now=now,
        busy=busy,
        time_off=time_off,
    )
    return local_times(slots, TORONTO)


def test_it_offers_the_demo_week_day_grid() -> None:
    assert day_slots(rules(after=15)) == [
        "09:00", "09:30", "10:00", "10:30", "11:00",
        "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00",
    ]  # fmt: skip


def test_it_returns_utc_slots_of_the_service_length() -> None:
    slots = available_slots(
        schedule=HOURS, rules=rules(duration=90), first_day=DAY, last_day=DAY, now=NOW
    )
    assert slots[0] == Slot(utc("2027-06-15 13:00"), utc("2027-06-15 14:30"))
    assert all(slot.start.utcoffset() == timedelta(0) for slot in slots)


def test_it_computes_the_blocked_range_with_both_buffers() -> None:
    slot_rules = rules(duration=60, before=10, after=15)
    assert blocked_range(utc("2027-06-15 13:00"), slot_rules) == Interval(
        utc("2027-06-15 12:50"), utc("2027-06-15 14:15")
    )


def test_it_allows_back_to_back_bookings_without_buffers() -> None:
    plain = rules(step=60)
    assert day_slots(plain, busy=(booking("10:00", plain),)) == [
        "09:00", "11:00", "13:00", "14:00", "15:00", "16:00",
    ]  # fmt: skip


def test_it_allows_back_to_back_bookings_when_buffers_fit() -> None:
    buffered = rules(step=15, after=15)
    offered = day_slots(buffered, plan=MORNING, busy=(booking("10:00", buffered),))  # 10:00-11:15
    assert "08:45" not in offered  # outside hours
    assert "11:15" in offered  # starts exactly where the buffer ends
    assert "11:00" not in offered
    assert "09:00" not in offered  # its own buffer would run into the 10:00 booking
    early = rules(step=15, after=15, duration=45)
    assert "09:00" in day_slots(early, plan=MORNING, busy=(booking("10:00", early),))


def test_it_lets_a_bookings_buffer_block_the_neighbouring_slot() -> None:
    buffered = rules(after=15)
    offered = day_slots(buffered, plan=MORNING, busy=(booking("10:00", buffered),))
    assert offered == ["11:30", "12:00"]  # 09:00 and 11:00 both run into 10:00-11:15


def test_it_honours_buffer_before() -> None:
    before = rules(step=15, before=15)
    busy = (booking("10:00", before),)  # blocks 09:45-11:00
    offered = day_slots(before, plan=MORNING, busy=busy)
    assert "11:00" not in offered  # its buffer before starts at 10:45
    assert "11:15" in offered  # its buffer before starts at 11:00, where the busy ends
    assert "08:45" not in offered
    short = rules(step=15, before=15, duration=45)
    assert "09:00" in day_slots(short, plan=MORNING, busy=(booking("10:00", short),))


def test_it_lets_buffers_run_outside_working_hours() -> None:
    offered = day_slots(rules(before=30, after=15))
    assert offered[0] == "09:00"
    assert offered[-1] == "16:00"


def test_it_counts_busy_time_outside_working_hours_against_buffers() -> None:
    evening = (Interval(local("17:00"), local("18:00")),)
    assert day_slots(rules(), busy=evening)[-1] == "16:00"
    assert day_slots(rules(after=15), busy=evening)[-1] == "15:30"


def test_it_offers_a_start_exactly_at_the_notice_boundary() -> None:
    notice = rules(notice=60)
    assert day_slots(notice, now=utc("2027-06-15 12:00"))[0] == "09:00"
    just_after = utc("2027-06-15 12:00") + timedelta(microseconds=1)
    assert day_slots(notice, now=just_after)[0] == "09:30"


def test_it_offers_a_start_exactly_at_the_window_boundary() -> None:
    one_day = rules(window_days=1)
    assert day_slots(one_day, now=utc("2027-06-14 13:00"))[-1] == "09:00"
    assert day_slots(one_day, now=utc("2027-06-14 13:00") - timedelta(microseconds=1)) == []
    assert day_slots(one_day, now=utc("2027-06-14 20:00"))[-1] == "16:00"


def test_it_never_offers_past_starts() -> None:
    assert day_slots(rules(), now=utc("2027-06-15 17:10"))[0] == "13:30"


def test_it_closes_a_day_with_an_empty_override() -> None:
    plan = schedule(TORONTO, ("09:00", "17:00"), overrides=[override(DAY)])
    assert day_slots(rules(), plan=plan) == []


def test_it_replaces_weekday_hours_with_an_override() -> None:
    plan = schedule(TORONTO, ("09:00", "17:00"), overrides=[override(DAY, ("13:00", "15:00"))])
    assert day_slots(rules(), plan=plan) == ["13:00", "13:30", "14:00"]


def test_it_opens_a_day_without_weekly_hours_through_an_override() -> None:
    sunday = date(2027, 6, 13)
    plan = schedule(TORONTO, ("09:00", "17:00"), days=range(5))
    plan = Schedule(plan.zone, plan.weekly, (override(sunday, ("10:00", "11:00")),))
    slots = available_slots(
        schedule=plan, rules=rules(), first_day=sunday, last_day=sunday, now=NOW
    )
    assert local_times(slots, TORONTO) == ["10:00"]


def test_it_pools_several_overrides_of_one_date() -> None:
    plan = schedule(
        TORONTO, overrides=[override(DAY, ("09:00", "10:00")), override(DAY, ("15:00", "16:00"))]
    )
    assert day_slots(rules(), plan=plan) == ["09:00", "15:00"]


def test_it_joins_overlapping_and_touching_hours_and_steps_from_the_joined_start() -> None:
    plan = schedule(TORONTO, ("09:00", "10:00"), ("10:00", "11:00"), ("10:30", "11:45"))
    assert day_slots(rules(duration=60, step=45), plan=plan) == ["09:00", "09:45", "10:30"]


def test_it_aligns_steps_to_each_intervals_own_start() -> None:
    plan = schedule(TORONTO, ("09:10", "11:00"), ("13:05", "15:00"))
    assert day_slots(rules(), plan=plan) == ["09:10", "09:40", "13:05", "13:35"]


def test_it_keeps_sessions_out_of_time_off_and_keeps_the_step_grid() -> None:
    dentist = (Interval(local("09:00"), local("09:45")),)
    assert day_slots(rules(), time_off=dentist)[:2] == ["10:00", "10:30"]
    lunch_walk = (Interval(local("14:10"), local("14:20")),)
    afternoon = day_slots(rules(), time_off=lunch_walk)[5:]
    assert afternoon == ["13:00", "14:30", "15:00", "15:30", "16:00"]


def test_it_ignores_busy_time_from_other_days() -> None:
    far = (Interval(utc("2027-07-01 13:00"), utc("2027-07-01 14:00")),)
    assert day_slots(rules(), busy=far) == day_slots(rules())


def test_it_answers_is_offered_for_grid_and_off_grid_starts() -> None:
    plain = rules()
    busy = (booking("10:00", plain),)

    def offered(start: datetime) -> bool:
        return is_offered(start, schedule=HOURS, rules=plain, now=NOW, busy=busy)

    assert offered(local("09:00"))
    assert offered(utc("2027-06-15 13:00"))
    assert not offered(local("09:15"))  # off the grid
    assert not offered(local("10:00"))  # taken
    assert not offered(local("12:00"))  # lunch
    assert not offered(local("16:30"))  # would end after hours
    assert not offered(utc("2027-06-15 13:00") + timedelta(seconds=1))
    assert not offered(at(TORONTO, date(2027, 6, 19), "09:00"))  # Saturday
    late = utc("2027-06-15 13:01")
    assert not is_offered(local("09:00"), schedule=HOURS, rules=plain, now=late)


def test_it_refuses_naive_now_and_start() -> None:
    naive = datetime(2027, 6, 15, 9, 0)  # noqa: DTZ001
    with pytest.raises(ValueError, match="naive"):
        is_offered(naive, schedule=HOURS, rules=rules(), now=NOW)
    with pytest.raises(ValueError, match="naive"):
        available_slots(schedule=HOURS, rules=rules(), first_day=DAY, last_day=DAY, now=naive)


def test_it_rejects_inconsistent_definitions() -> None:
    with pytest.raises(ValueError):
        WeeklyHours(0, time(12), time(9))
    with pytest.raises(ValueError):
        WeeklyHours(7, time(9), time(12))
    with pytest.raises(ValueError):
        DateOverride(DAY, ((time(10), time(10)),))
    with pytest.raises(ValueError):
        SlotRules(duration=timedelta(minutes=60), step=timedelta(0))
    with pytest.raises(ValueError):
        SlotRules(duration=timedelta(0), step=timedelta(minutes=30))
    with pytest.raises(ValueError):
        SlotRules(
            duration=timedelta(minutes=60),
            step=timedelta(minutes=30),
            buffer_after=timedelta(minutes=-5),
        )


def test_it_returns_nothing_for_an_inverted_date_range() -> None:
    assert (
        available_slots(
            schedule=HOURS, rules=rules(), first_day=DAY, last_day=DAY - timedelta(days=1), now=NOW
        )
        == []
    )
