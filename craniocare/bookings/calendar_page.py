"""What the office calendar shows of one practitioner's days: working hours, time off, buffers,
bookings and the free half hours, as blocks placed in the grid (calendar_grid.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from craniocare.scheduling.availability import working_intervals
from craniocare.scheduling.models import Practitioner
from craniocare.scheduling.selectors import day_range_instants, schedule_for, time_off_intervals

from .access import bookings_for
from .calendar_grid import FREE_CELL, Block, frame_for, place
from .free_times import office_open_slots
from .models import Booking, Status


@dataclass
class CalendarPage:
    blocks: list[Block]
    days: list[date]
    hours: list[tuple[str, int]]
    rows: int
    bookings: list[Booking]


def calendar_page(
    *, practitioner: Practitioner, days: list[date], user: Any, show_cancelled: bool
) -> CalendarPage:
    zone = timezone.get_current_timezone()
    span = day_range_instants(days[0], days[-1], zone)
    bookings = list(
        bookings_for(user)
        .filter(practitioner=practitioner)
        .sessions_meeting(span.start, span.end)
        .select_related("service", "client")  # the client: is the record restricted?
        .order_by("start")
    )
    if not show_cancelled:
        bookings = [b for b in bookings if b.status != Status.CANCELLED]
    working = working_intervals(schedule_for(practitioner, days[0], days[-1]), days[0], days[-1])
    off = time_off_intervals(practitioner, span.start, span.end)
    free = office_open_slots(
        practitioner=practitioner,
        rules=FREE_CELL,
        first_day=days[0],
        last_day=days[-1],
        tz=zone,
        now=timezone.now(),
    )

    def wall(instant: datetime) -> datetime:
        return timezone.localtime(instant, zone)

    blocks: list[Block] = []
    for w in working:
        blocks.append(Block("hours", wall(w.start), wall(w.end)))
    for interval in off:
        # Time off can span days: one block per day it touches.
        for day in days:
            day_span = day_range_instants(day, day, zone)
            start, end = max(interval.start, day_span.start), min(interval.end, day_span.end)
            if start < end:
                blocks.append(Block("off", wall(start), wall(end)))
    for booking in bookings:
        if booking.status != Status.CANCELLED:
            if booking.blocked_start < booking.start:
                blocks.append(Block("buffer", wall(booking.blocked_start), wall(booking.start)))
            if booking.blocked_end > booking.end:
                blocks.append(Block("buffer", wall(booking.end), wall(booking.blocked_end)))
        blocks.append(
            Block(
                "booking",
                wall(booking.start),
                wall(booking.end),
                payload=booking,
                classes=[f"is-{booking.status.replace('_', '-')}"],
            )
        )
    for slot in free:
        blocks.append(Block("free", wall(slot.start), wall(slot.end)))
    frame = frame_for((b.start, b.end) for b in blocks if b.kind != "free")
    placed = place(blocks, days, frame)
    # Free times outside the frame would be squashed onto its edge: leave them out.
    placed = [
        b
        for b in placed
        if b.kind != "free" or (frame.first_hour <= b.start.hour < frame.last_hour)
    ]
    return CalendarPage(
        blocks=placed, days=days, hours=frame.hour_labels(), rows=frame.rows, bookings=bookings
    )
