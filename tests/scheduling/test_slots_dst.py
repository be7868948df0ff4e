"""Slots on DST change days: local hours stay put, skipped times are never offered, repeated
times are offered once (their first occurrence)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from craniocare.lib.intervals import Interval
from craniocare.scheduling.availability import Schedule
from craniocare.scheduling.slots import Slot, SlotRules, available_slots, is_offered
from tests.scheduling.helpers import TORONTO, at, local_times, override, rules, schedule, utc

LONDON = ZoneInfo("Europe/London")
ADELAIDE = ZoneInfo("Australia/Adelaide")
KOLKATA = ZoneInfo("Asia/Kolkata")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


def slots_on(
    plan: Schedule,
    first_day: date,
    last_day: date | None = None,
    slot_rules: SlotRules | None = None,
    busy: tuple[Interval, ...] = (),
) -> list[Slot]:
    return available_slots(
        schedule=plan,
        rules=slot_rules or rules(),
        first_day=first_day,
        last_day=last_day or first_day,
        now=datetime.combine(first_day - timedelta(days=30), time(0), tzinfo=UTC),
        busy=busy,
    )


def first_start_per_day(slots: list[Slot], zone: ZoneInfo) -> dict[date, datetime]:
    firsts: dict[date, datetime] = {}
    for slot in slots:
        firsts.setdefault(slot.start.astimezone(zone).date(), slot.start)
    return firsts


def test_it_keeps_nine_oclock_local_across_spring_forward_in_toronto() -> None:
    slots = slots_on(schedule(TORONTO, ("09:00", "17:00")), date(2027, 3, 13), date(2027, 3, 15))
    assert first_start_per_day(slots, TORONTO) == {
        date(2027, 3, 13): utc("2027-03-13 14:00"),
        date(2027, 3, 14): utc("2027-03-14 13:00"),
        date(2027, 3, 15): utc("2027-03-15 13:00"),
    }
    assert slots[-1].start == utc("2027-03-15 20:00")  # 16:00 EDT, the last start
    assert set(local_times(slots, TORONTO)) == {
        f"{hour:02d}:{minute:02d}" for hour in range(9, 16) for minute in (0, 30)
    } | {"16:00"}


def test_it_keeps_nine_oclock_local_across_fall_back_in_toronto() -> None:
    slots = slots_on(schedule(TORONTO, ("09:00", "17:00")), date(2027, 11, 6), date(2027, 11, 8))
    assert first_start_per_day(slots, TORONTO) == {
        date(2027, 11, 6): utc("2027-11-06 13:00"),
        date(2027, 11, 7): utc("2027-11-07 14:00"),
        date(2027, 11, 8): utc("2027-11-08 14:00"),
    }
    assert len(slots) == 3 * 15


def test_it_never_offers_times_skipped_by_spring_forward() -> None:
    plan = schedule(TORONTO, overrides=[override(date(2027, 3, 14), ("01:00", "04:00"))])
    short = rules(duration=30)
    slots = slots_on(plan, date(2027, 3, 14), slot_rules=short)
    assert local_times(slots, TORONTO) == ["01:00", "01:30", "03:00", "03:30"]
    assert [slot.start for slot in slots] == [
        utc("2027-03-14 06:00"),
        utc("2027-03-14 06:30"),
        utc("2027-03-14 07:00"),
        utc("2027-03-14 07:30"),
    ]
    hour_long = slots_on(plan, date(2027, 3, 14))
    assert local_times(hour_long, TORONTO) == ["01:00", "01:30", "03:00"]
    assert hour_long[1].end == utc("2027-03-14 07:30")  # 01:30 EST + 60 min = 03:30 EDT
    now = utc("2027-03-01 00:00")
    # "02:00" in the zone names no wall time of its own: as an instant it is 03:00 EDT.
    assert at(TORONTO, date(2027, 3, 14), "02:00").astimezone(UTC) == utc("2027-03-14 07:00")
    assert is_offered(utc("2027-03-14 07:00"), schedule=plan, rules=short, now=now)
    assert not is_offered(utc("2027-03-14 06:45"), schedule=plan, rules=short, now=now)


def test_it_ends_hours_that_end_inside_the_gap_when_the_gap_ends() -> None:
    plan = schedule(TORONTO, overrides=[override(date(2027, 3, 14), ("00:00", "02:30"))])
    slots = slots_on(plan, date(2027, 3, 14), slot_rules=rules(duration=30))
    assert local_times(slots, TORONTO) == ["00:00", "00:30", "01:00", "01:30"]
    assert slots[-1].end == utc("2027-03-14 07:00")


def test_it_steps_from_a_start_inside_the_gap_on_the_wall_clock() -> None:
    plan = schedule(TORONTO, overrides=[override(date(2027, 3, 14), ("02:30", "05:00"))])
    slots = slots_on(plan, date(2027, 3, 14), slot_rules=rules(step=60))
    assert local_times(slots, TORONTO) == ["03:30"]
    slots = slots_on(plan, date(2027, 3, 14))
    assert local_times(slots, TORONTO) == ["03:00", "03:30", "04:00"]


def test_it_offers_repeated_fall_back_times_once_at_their_first_occurrence() -> None:
    plan = schedule(TORONTO, overrides=[override(date(2027, 11, 7), ("01:00", "03:00"))])
    short = rules(duration=30)
    slots = slots_on(plan, date(2027, 11, 7), slot_rules=short)
    assert local_times(slots, TORONTO) == ["01:00", "01:30", "02:00", "02:30"]
    assert [slot.start for slot in slots] == [
        utc("2027-11-07 05:00"),  # 01:00 EDT
        utc("2027-11-07 05:30"),  # 01:30 EDT
        utc("2027-11-07 07:00"),  # 02:00 EST
        utc("2027-11-07 07:30"),  # 02:30 EST
    ]
    assert all(slot.start.astimezone(TORONTO).fold == 0 for slot in slots)
    assert slots_on(plan, date(2027, 11, 7), slot_rules=short) == slots
    now = utc("2027-11-01 00:00")
    first = at(TORONTO, date(2027, 11, 7), "01:00", fold=0)
    second = at(TORONTO, date(2027, 11, 7), "01:00", fold=1)
    assert is_offered(first, schedule=plan, rules=short, now=now)
    assert not is_offered(second, schedule=plan, rules=short, now=now)


def test_it_offers_hour_long_sessions_through_the_repeated_hour() -> None:
    plan = schedule(TORONTO, overrides=[override(date(2027, 11, 7), ("01:00", "03:00"))])
    slots = slots_on(plan, date(2027, 11, 7))
    assert local_times(slots, TORONTO) == ["01:00", "01:30", "02:00"]
    assert slots[0].end == utc("2027-11-07 06:00")  # 01:00 EDT + 60 min = 01:00 EST


def test_it_keeps_nine_oclock_local_across_both_london_changes() -> None:
    plan = schedule(LONDON, ("09:00", "12:00"))
    spring = slots_on(plan, date(2027, 3, 27), date(2027, 3, 28))
    assert first_start_per_day(spring, LONDON) == {
        date(2027, 3, 27): utc("2027-03-27 09:00"),
        date(2027, 3, 28): utc("2027-03-28 08:00"),
    }
    autumn = slots_on(plan, date(2027, 10, 30), date(2027, 10, 31))
    assert first_start_per_day(autumn, LONDON) == {
        date(2027, 10, 30): utc("2027-10-30 08:00"),
        date(2027, 10, 31): utc("2027-10-31 09:00"),
    }


def test_it_handles_london_small_hours_on_change_days() -> None:
    spring_plan = schedule(LONDON, overrides=[override(date(2027, 3, 28), ("00:00", "03:00"))])
    spring = slots_on(spring_plan, date(2027, 3, 28), slot_rules=rules(duration=30))
    assert local_times(spring, LONDON) == ["00:00", "00:30", "02:00", "02:30"]
    autumn_plan = schedule(LONDON, overrides=[override(date(2027, 10, 31), ("00:30", "02:00"))])
    autumn = slots_on(autumn_plan, date(2027, 10, 31), slot_rules=rules(duration=30))
    # The repeated 01:00-02:00 GMT hour offers nothing: 01:00 and 01:30 were offered in BST.
    assert [slot.start for slot in autumn] == [
        utc("2027-10-30 23:30"),  # 00:30 BST
        utc("2027-10-31 00:00"),  # 01:00 BST, the first of two
        utc("2027-10-31 00:30"),  # 01:30 BST
    ]


def test_it_follows_southern_hemisphere_changes_in_adelaide() -> None:
    plan = schedule(ADELAIDE, ("09:00", "17:00"))
    autumn = slots_on(plan, date(2027, 4, 3), date(2027, 4, 5))
    assert first_start_per_day(autumn, ADELAIDE) == {
        date(2027, 4, 3): utc("2027-04-02 22:30"),  # +10:30
        date(2027, 4, 4): utc("2027-04-03 23:30"),  # +09:30 after DST ends
        date(2027, 4, 5): utc("2027-04-04 23:30"),
    }
    spring = slots_on(plan, date(2027, 10, 2), date(2027, 10, 3))
    assert first_start_per_day(spring, ADELAIDE) == {
        date(2027, 10, 2): utc("2027-10-01 23:30"),
        date(2027, 10, 3): utc("2027-10-02 22:30"),  # +10:30 after DST starts
    }
    assert len(autumn) == 3 * 15 and len(spring) == 2 * 15


def test_it_skips_the_half_hour_gap_in_lord_howe() -> None:
    plan = schedule(LORD_HOWE, overrides=[override(date(2027, 10, 3), ("01:00", "03:00"))])
    slots = slots_on(plan, date(2027, 10, 3), slot_rules=rules(duration=15, step=15))
    assert local_times(slots, LORD_HOWE) == [
        "01:00",
        "01:15",
        "01:30",
        "01:45",
        "02:30",
        "02:45",
    ]


def test_it_uses_the_fixed_half_hour_offset_of_kolkata() -> None:
    slots = slots_on(schedule(KOLKATA, ("09:00", "11:00")), date(2027, 3, 14), date(2027, 11, 7))
    assert {slot.start.astimezone(KOLKATA).strftime("%H:%M") for slot in slots} == {
        "09:00",
        "09:30",
        "10:00",
    }
    assert {slot.start.strftime("%H:%M") for slot in slots} == {"03:30", "04:00", "04:30"}


def test_it_blocks_a_fall_back_slot_by_instant_not_by_wall_time() -> None:
    plan = schedule(TORONTO, overrides=[override(date(2027, 11, 7), ("01:00", "03:00"))])
    # Busy during the second 01:00-02:00 (EST) leaves the first one (EDT) bookable.
    busy = (Interval(utc("2027-11-07 06:00"), utc("2027-11-07 07:00")),)
    slots = slots_on(plan, date(2027, 11, 7), slot_rules=rules(duration=30), busy=busy)
    assert [slot.start for slot in slots] == [
        utc("2027-11-07 05:00"),
        utc("2027-11-07 05:30"),
        utc("2027-11-07 07:00"),
        utc("2027-11-07 07:30"),
    ]
    assert slots_on(plan, date(2027, 11, 7), busy=busy) == [
        Slot(utc("2027-11-07 05:00"), utc("2027-11-07 06:00")),
        Slot(utc("2027-11-07 07:00"), utc("2027-11-07 08:00")),
    ]
