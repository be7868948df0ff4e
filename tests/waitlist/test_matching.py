"""Which times of day an entry wants: pure rules, no database."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from craniocare.waitlist.matching import fits_time_of_day, wants

TORONTO = ZoneInfo("America/Toronto")


def test_it_matches_the_parts_of_the_day_chosen():
    assert fits_time_of_day(time(9), parts=["morning"])
    assert not fits_time_of_day(time(12), parts=["morning"])
    assert fits_time_of_day(time(12), parts=["afternoon"])
    assert not fits_time_of_day(time(17), parts=["afternoon"])
    assert fits_time_of_day(time(17), parts=["evening"])
    assert fits_time_of_day(time(23, 30), parts=["evening"])


def test_it_matches_an_own_window_with_its_end_left_out():
    assert fits_time_of_day(time(16), parts=[], window_start=time(16), window_end=time(18))
    assert not fits_time_of_day(time(18), parts=[], window_start=time(16), window_end=time(18))
    assert not fits_time_of_day(time(9), parts=[], window_start=time(16), window_end=time(18))


def test_it_reads_the_date_and_time_on_the_entrys_clock():
    # 14:00 UTC is 09:00 in Toronto on Monday 8 March 2027 (EST).
    start = datetime(2027, 3, 8, 14, 0, tzinfo=ZoneInfo("UTC"))
    common = {"practitioner_id": 1, "first_day": date(2027, 3, 8), "last_day": date(2027, 3, 8)}
    assert wants(start=start, zone=TORONTO, parts=["morning"], **common)
    assert not wants(start=start, zone=ZoneInfo("Europe/London"), parts=["morning"], **common)
    assert not wants(start=start, zone=TORONTO, parts=["morning"], practitioner_ids=[2], **common)
