from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from craniocare.core.content_version import content_generation
from craniocare.lib.holidays import is_known_region
from craniocare.lib.tz import is_residential_zone

PRACTICE_CACHE_KEY = "core:practice-profile"


def validate_time_zone(value: str) -> None:
    """Model validator over lib.tz.is_residential_zone, the one zone check."""
    if not is_residential_zone(value):
        raise ValidationError(
            "%(value)s is not a time zone people live in: give a place-based IANA zone "
            "(for example America/Toronto).",
            params={"value": value},
        )


def validate_holiday_region(value: str) -> None:
    if not is_known_region(value):
        raise ValidationError(
            "%(value)s is not a region with known public holidays (for example CA-ON, or none).",
            params={"value": value},
        )


# Reminders before a session (the notifications app sends them): at most this many, each between
# these bounds, in whole hours before the session starts.
REMINDER_OFFSETS_DEFAULT = (48, 2)
REMINDER_OFFSETS_MAX_COUNT = 3
REMINDER_OFFSET_MIN_HOURS = 1
REMINDER_OFFSET_MAX_HOURS = 336  # two weeks


def default_reminder_offsets() -> list[int]:
    return list(REMINDER_OFFSETS_DEFAULT)


def validate_reminder_offsets(value: object) -> None:
    """A list of at most three distinct whole hours, each from 1 to 336."""
    if not isinstance(value, list) or not all(
        isinstance(hours, int) and not isinstance(hours, bool) for hours in value
    ):
        raise ValidationError("Give the reminder times as whole hours before the session.")
    if len(value) > REMINDER_OFFSETS_MAX_COUNT:
        raise ValidationError(
            "At most %(count)d reminders per session.", params={"count": REMINDER_OFFSETS_MAX_COUNT}
        )
    if len(set(value)) != len(value):
        raise ValidationError("Give each reminder time once.")
    for hours in value:
        if not REMINDER_OFFSET_MIN_HOURS <= hours <= REMINDER_OFFSET_MAX_HOURS:
            raise ValidationError(
                "%(hours)s hours is outside what reminders allow: from %(low)d hour to %(high)d "
                "hours (two weeks) before the session.",
                params={
                    "hours": hours,
                    "low": REMINDER_OFFSET_MIN_HOURS,
                    "high": REMINDER_OFFSET_MAX_HOURS,
                },
            )


class PracticeProfile(models.Model):
    """The practice's identity: one row, edited in the admin, used by every page and email."""

    name = models.CharField(max_length=120, default="Serena CranioCare")
    tagline = models.CharField(max_length=200, blank=True)
    description = models.TextField(
        blank=True, help_text="One or two sentences used in search results and link previews."
    )
    practitioner_name = models.CharField(max_length=120, blank=True)
    practitioner_title = models.CharField(max_length=160, blank=True)
    street_address = models.CharField(max_length=200, blank=True)
    locality = models.CharField("city", max_length=120, blank=True)
    region = models.CharField("province or state", max_length=120, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="CA", help_text="ISO country code.")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True, help_text="Public address; also receives notifications.")
    time_zone = models.CharField(
        max_length=64, default="America/Toronto", validators=[validate_time_zone]
    )
    currency = models.CharField(max_length=3, default="CAD")
    reply_time = models.CharField(
        max_length=120,
        default="within one business day",
        help_text='Completes the sentence "We usually answer …".',
    )
    instagram_url = models.URLField(blank=True)
    facebook_url = models.URLField(blank=True)
    linkedin_url = models.URLField(blank=True)
    youtube_url = models.URLField(blank=True)
    cancellation_policy = models.TextField(
        blank=True,
        help_text="Shown to clients when they book and cancel, e.g. the notice you ask for.",
    )
    holiday_region = models.CharField(
        "public holidays",
        max_length=40,
        default="CA-ON",
        validators=[validate_holiday_region],
        help_text=(
            "The region whose public holidays are closed for online booking. Each holiday can "
            "be opened again in Availability."
        ),
    )
    default_notice_minutes = models.PositiveIntegerField(
        default=12 * 60,
        help_text="The minimum notice a new service starts with (720 minutes is 12 hours).",
    )
    reminder_offsets_hours = models.JSONField(
        "reminders",
        default=default_reminder_offsets,
        blank=True,
        validators=[validate_reminder_offsets],
        help_text="Hours before each session when the client is reminded (empty: no reminders).",
    )
    sms_reminders = models.BooleanField(
        "reminders by text message",
        default=False,
        help_text="Also remind clients who gave a phone number and agreed to texts.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "practice profile"
        verbose_name_plural = "practice profile"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1  # a single row: the practice
        super().save(*args, **kwargs)  # the post_save signal bumps the content version

    @classmethod
    def load(cls) -> PracticeProfile:
        """The practice, cached per process until content changes anywhere (pagecache)."""
        generation = content_generation()
        if generation is None:  # the shared content version is unreadable: do not cache
            return cls.objects.filter(pk=1).first() or cls(pk=1)
        key = f"{PRACTICE_CACHE_KEY}:{generation}"
        cache = caches["pages"]  # per process: read on nearly every request
        profile = cache.get(key)
        if profile is None:
            profile = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(key, profile, 300)
        return profile

    @property
    def address_lines(self) -> list[str]:
        city_line = " ".join(p for p in [self.locality, self.region, self.postal_code] if p)
        return [line for line in [self.street_address, city_line] if line]

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]

    @property
    def phone_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class AvailabilityVersion(models.Model):
    """A version per scope ("practice", "practitioner:<id>") that changes, in the same
    transaction, with every write that can change free times: cached availability is keyed by
    these versions, so it is never stale, in any process (craniocare/core/availability_version.py).
    """

    scope = models.CharField(max_length=64, primary_key=True)
    value = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)  # the feed's Last-Modified

    class Meta:
        verbose_name = "availability version"

    def __str__(self) -> str:
        return f"{self.scope}: {self.value}"


class BackupRecord(models.Model):
    """One backup written or one restore drill run (craniocare/core/backups): what /healthz and
    the office read to tell whether the practice's data is safe."""

    class Kind(models.TextChoices):
        BACKUP = "backup", "Backup"
        DRILL = "drill", "Restore drill"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    file_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    ok = models.BooleanField()
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        outcome = "ok" if self.ok else "failed"
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M} {outcome}"
