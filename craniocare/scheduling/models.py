"""Who works when: practitioners, their weekly hours, date overrides and time off.

Weekly hours and overrides are local wall-clock times in the practitioner's IANA zone; they become
instants per date in the pure engine (craniocare/scheduling/availability.py), so a daylight-saving
change never moves 09:00. Time off is a range of instants (UTC in the database).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from craniocare.core.models import validate_time_zone


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class PractitionerQuerySet(models.QuerySet["Practitioner"]):
    def active(self) -> PractitionerQuerySet:
        return self.filter(active=True)

    def offering(self, service: Any) -> PractitionerQuerySet:
        """Active practitioners who offer `service`, in a stable order (position, id)."""
        return self.active().filter(services=service).order_by("position", "pk")


class Practitioner(models.Model):
    """A staff member clients can book, with a public slug and the zone their hours are in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="practitioner"
    )
    slug = models.SlugField(unique=True)
    display_name = models.CharField(max_length=120)
    bio = models.TextField(blank=True)
    time_zone = models.CharField(
        max_length=64, default="America/Toronto", validators=[validate_time_zone]
    )
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = PractitionerQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.display_name


def _overlapping_pairs(intervals: list[tuple[dt.time, dt.time]]) -> bool:
    ordered = sorted(intervals)
    return any(ordered[i][1] > ordered[i + 1][0] for i in range(len(ordered) - 1))


class WorkingHours(models.Model):
    """One working interval on a weekday; a day may have several (09:00-12:00, 13:00-17:00)."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start = models.TimeField(help_text="Local time in the practitioner's zone.")
    end = models.TimeField(help_text="Local time in the practitioner's zone; after the start.")

    class Meta:
        ordering = ["practitioner", "weekday", "start"]
        verbose_name_plural = "working hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="scheduling_workinghours_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="scheduling_workinghours_weekday_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValidationError({"end": "The end must be after the start."})
        if self.practitioner_id is None or self.start is None or self.end is None:
            return
        siblings = WorkingHours.objects.filter(
            practitioner_id=self.practitioner_id, weekday=self.weekday
        ).exclude(pk=self.pk)
        if siblings.filter(start__lt=self.end, end__gt=self.start).exists():
            raise ValidationError("These hours overlap other hours on the same day.")


class DateOverride(models.Model):
    """Different hours on one date, or closed that day. Replaces the weekly hours of that date."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="date_overrides"
    )
    date = models.DateField()
    closed = models.BooleanField(default=False)
    intervals = models.JSONField(
        default=list,
        blank=True,
        help_text='Local working intervals that day, e.g. [["10:00", "14:00"]]; empty when closed.',
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["practitioner", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "date"], name="scheduling_dateoverride_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date}: {'closed' if self.closed else self.intervals}"

    def parsed_intervals(self) -> tuple[tuple[dt.time, dt.time], ...]:
        """The working intervals of the date, sorted; empty when closed."""
        if self.closed:
            return ()
        parsed = [
            (dt.time.fromisoformat(str(start)), dt.time.fromisoformat(str(end)))
            for start, end in (self.intervals or [])
        ]
        return tuple(sorted(parsed))

    def clean(self) -> None:
        raw = self.intervals or []
        if self.closed:
            if raw:
                raise ValidationError({"intervals": "A closed date has no working intervals."})
            return
        if not isinstance(raw, list) or not raw:
            raise ValidationError(
                {"intervals": "Give at least one [start, end] interval, or mark the date closed."}
            )
        try:
            parsed = [
                (dt.time.fromisoformat(str(start)), dt.time.fromisoformat(str(end)))
                for start, end in raw
            ]
        except (TypeError, ValueError) as error:
            raise ValidationError({"intervals": 'Each interval is ["HH:MM", "HH:MM"].'}) from error
        if any(end <= start for start, end in parsed):
            raise ValidationError({"intervals": "Each interval must end after it starts."})
        if _overlapping_pairs(parsed):
            raise ValidationError({"intervals": "The intervals overlap."})
        self.intervals = [[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in sorted(parsed)]


class TimeOff(models.Model):
    """A range of instants when the practitioner is away (a holiday, an afternoon)."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="time_off"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["practitioner", "start"]
        verbose_name_plural = "time off"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="scheduling_timeoff_end_after_start"
            )
        ]
        indexes = [models.Index(fields=["practitioner", "start"], name="scheduling_timeoff_start")]

    def __str__(self) -> str:
        return f"{self.practitioner}: {self.start:%Y-%m-%d %H:%M} - {self.end:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The end must be after the start."})


class HolidayOpening(models.Model):
    """A public holiday the practitioner works after all: that date follows her weekly hours.

    Public holidays of the practice's region (PracticeProfile.holiday_region) are closed for
    online booking unless a row here opens one; a date override on the day still wins.
    """

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="holiday_openings"
    )
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["practitioner", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "date"], name="scheduling_holidayopening_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.practitioner}: open on {self.date}"
