"""Whether a session sits outside the practitioner's working time, said in a sentence the office
can act on ("Thursday 18:30 is outside Serena Hale's hours (9:00 to 17:00)."). The office may book
outside hours (booking_create's allow_outside_rules), but only after it has been told."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from craniocare.lib.humanize import EN_DASH
from craniocare.scheduling.availability import working_intervals
from craniocare.scheduling.models import Practitioner, TimeOff
from craniocare.scheduling.selectors import schedule_for


def _clock(value: dt.time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def outside_hours_note(practitioner: Practitioner, start: dt.datetime, end: dt.datetime) -> str:
    """A sentence when [start, end) is not wholly inside one working interval of the
    practitioner, or meets their time off; "" when it fits."""
    zone = ZoneInfo(practitioner.time_zone)
    local = start.astimezone(zone)
    when = f"{local:%A} {_clock(local.time())}"
    who = practitioner.display_name
    away = TimeOff.objects.filter(practitioner=practitioner, start__lt=end, end__gt=start).first()
    if away is not None:
        reason = f" ({away.reason})" if away.reason else ""
        return f"{when} is during {who}'s time off{reason}."
    day = local.date()
    working = working_intervals(schedule_for(practitioner, day, day), day, day)
    if any(w.start <= start and end <= w.end for w in working):
        return ""
    if not working:
        return f"{when} is outside {who}'s hours: {who} does not work on {local:%A %-d %B}."
    hours = ", ".join(f"{_clock(w.local_start)}{EN_DASH}{_clock(w.local_end)}" for w in working)
    return f"{when} is outside {who}'s hours ({hours})."
