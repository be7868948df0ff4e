"""Pure layout helpers for the office calendar (no ORM): where each block goes in the grid.

The grid has one row per quarter hour of the local wall clock and one column per day. The CSP
allows no inline styles, so positions are classes computed here (``row-start-N``, ``row-end-N``,
``col-N``) and defined once in static/css/office-calendar.css. Grid line 1 is the day header.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from craniocare.scheduling.slots import SlotRules

ROW_MINUTES = 15
DEFAULT_FIRST_HOUR = 8
DEFAULT_LAST_HOUR = 18
# The "+ time" cells: free half hours on the half-hour grid (any service is chosen after).
FREE_CELL = SlotRules(duration=timedelta(minutes=30), step=timedelta(minutes=30))


@dataclass(frozen=True)
class Frame:
    """The hours the grid shows (local wall clock, [first_hour, last_hour))."""

    first_hour: int
    last_hour: int

    @property
    def rows(self) -> int:
        return (self.last_hour - self.first_hour) * 60 // ROW_MINUTES

    def line(self, wall: datetime, *, day: date, round_up: bool) -> int:
        """The grid line (header is line 1) of a local wall time on `day`, clamped to the frame."""
        minutes = (wall.date() - day).days * 24 * 60 + wall.hour * 60 + wall.minute
        minutes -= self.first_hour * 60
        minutes = max(0, min(minutes, self.rows * ROW_MINUTES))
        rows, rest = divmod(minutes, ROW_MINUTES)
        if round_up and rest:
            rows += 1
        return rows + 2

    def hour_labels(self) -> list[tuple[str, int]]:
        """('09:00', grid line) for every hour in the frame."""
        return [
            (f"{hour:02d}:00", (hour - self.first_hour) * 60 // ROW_MINUTES + 2)
            for hour in range(self.first_hour, self.last_hour)
        ]


def frame_for(walls: Iterable[tuple[datetime, datetime]]) -> Frame:
    """A frame covering 08:00-18:00 and every (start, end) local wall-time pair given."""
    first, last = DEFAULT_FIRST_HOUR, DEFAULT_LAST_HOUR
    for start, end in walls:
        first = min(first, start.hour)
        if end.date() > start.date():
            last = 24
        else:
            last = max(last, end.hour + (1 if end.minute or end.second else 0))
    return Frame(first_hour=max(0, first), last_hour=min(24, last))


@dataclass
class Block:
    """One thing drawn in the grid: a booking, a buffer, time off, working hours, a free time."""

    kind: str  # "booking", "buffer", "off", "hours", "free"
    start: datetime  # local wall clock
    end: datetime
    column: int = 1
    row_start: int = 2
    row_end: int = 3
    payload: Any = None
    classes: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join(
            [
                f"cal-{self.kind}",
                f"col-{self.column}",
                f"row-start-{self.row_start}",
                f"row-end-{self.row_end}",
                *self.classes,
            ]
        )


def place(blocks: Sequence[Block], days: Sequence[date], frame: Frame) -> list[Block]:
    """Set each block's column and rows; split nothing (a block ends at its day's last line).
    Blocks outside the days are dropped."""
    placed = []
    for block in blocks:
        day = block.start.date()
        if day not in days:
            continue
        block.column = days.index(day) + 1
        block.row_start = frame.line(block.start, day=day, round_up=False)
        block.row_end = max(block.row_start + 1, frame.line(block.end, day=day, round_up=True))
        placed.append(block)
    return placed


def week_of(day: date) -> list[date]:
    """Monday to Sunday of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=n) for n in range(7)]
