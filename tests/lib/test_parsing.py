"""lib/parsing.py: every parser returns a usable value or raises InvalidInput with a message."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from craniocare.lib.parsing import (
    InvalidInput,
    clean_line,
    clean_text,
    parse_date,
    parse_instant,
    parse_phone,
    parse_zone,
)
from tests.clock import TORONTO


@given(st.one_of(st.text(max_size=50), st.none(), st.integers(), st.binary(max_size=10)))
def test_it_raises_nothing_but_invalid_input(value: object) -> None:
    for parse in (
        lambda v: parse_date(v),
        lambda v: parse_instant(v),
        lambda v: parse_instant(v, local_zone=TORONTO),
        lambda v: clean_line(v, max_length=20),
        lambda v: clean_text(v, max_length=20),
        parse_phone,
        parse_zone,
    ):
        try:
            parse(value)
        except InvalidInput as invalid:
            assert invalid.message


@given(st.datetimes(timezones=st.timezones()))
def test_every_accepted_instant_can_be_computed_with(instant: datetime) -> None:
    try:
        parsed = parse_instant(instant.isoformat())
    except InvalidInput:
        assert not 2000 <= instant.year <= 2100 or instant.utcoffset() is None
        return
    assert parsed.tzinfo is UTC
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        parsed.astimezone(ZoneInfo(zone)).date().toordinal()  # no OverflowError


@pytest.mark.parametrize(
    "text", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00+14:00"]
)
def test_it_refuses_instants_at_the_ends_of_time(text: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 January 2000 and 31 December 2100"):
        parse_instant(text)


def test_it_reads_dates_within_the_bounds() -> None:
    assert parse_date("2027-03-14") == date(2027, 3, 14)
    with pytest.raises(InvalidInput):
        parse_date("9999-12-31")
    with pytest.raises(InvalidInput):
        parse_date("2027-02-30")


def test_it_reads_a_wall_time_in_a_zone_and_explains_a_skipped_hour() -> None:
    assert parse_instant("2027-03-14T03:30", local_zone=TORONTO) == datetime(
        2027, 3, 14, 7, 30, tzinfo=UTC
    )
    with pytest.raises(InvalidInput) as refused:
        parse_instant("2027-03-14T02:30", local_zone=TORONTO)
    assert refused.value.message.startswith(
        "On 14 March 2027 clocks in Toronto jump from 2:00 to 3:00 a.m., so 2:30 a.m. does not "
        "exist that day."
    )
    # A repeated hour (autumn) means its first occurrence, as everywhere (fold=0).
    assert parse_instant("2027-11-07T01:30", local_zone=TORONTO).hour == 5
    with pytest.raises(InvalidInput):
        parse_instant("2027-03-14T10:30")  # no offset and no zone


@pytest.mark.parametrize("value", ["Ali\x00ce", "Alice\nBcc: x", "Ali\rce", "A\u2028B", "A\x1bB"])
def test_one_line_text_refuses_control_characters_and_line_breaks(value: str) -> None:
    with pytest.raises(InvalidInput):
        clean_line(value, max_length=100)


def test_multi_line_text_keeps_line_breaks_and_tabs_but_not_nul() -> None:
    assert clean_text(" one\r\ntwo\tthree ", max_length=100) == "one\ntwo\tthree"
    with pytest.raises(InvalidInput):
        clean_text("one\x00two", max_length=100)
    with pytest.raises(InvalidInput, match="10 characters or fewer"):
        clean_text("x" * 11, max_length=10)


@pytest.mark.parametrize(
    "phone", ["416 555 0100", "+1 (416) 555-0100", "416.555.0100", "416 555 0100 ext. 12", ""]
)
def test_it_accepts_phone_numbers_as_people_write_them(phone: str) -> None:
    assert parse_phone(phone) == phone


@pytest.mark.parametrize("phone", ["<b>4165550100</b>", "call me", "12", "416\n5550100"])
def test_it_refuses_phone_numbers_with_markup_or_too_few_digits(phone: str) -> None:
    with pytest.raises(InvalidInput):
        parse_phone(phone)


@pytest.mark.parametrize("name", ["localtime", "Factory", "posixrules", "Etc/GMT+5", "US/Eastern"])
def test_it_refuses_zones_nobody_lives_in(name: str) -> None:
    with pytest.raises(InvalidInput):
        parse_zone(name)


def test_it_reads_zones_as_people_type_them() -> None:
    assert parse_zone("europe/london").key == "Europe/London"
    assert parse_zone("UTC").key == "UTC"
