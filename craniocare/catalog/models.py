from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from craniocare.lib.humanize import short_name
from craniocare.lib.markdown import render_markdown


class ConsentKind(models.TextChoices):
    """Consents a service can require before the first session of that kind."""

    GENERAL = "general", "CranioSacral Therapy (general)"
    INTRAORAL = "intraoral", "Intraoral (inside the mouth) work"
    PELVIC = "pelvic", "Work near the pelvis"


class ServiceQuerySet(models.QuerySet["Service"]):
    def active(self) -> ServiceQuerySet:
        return self.filter(active=True)


class Service(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    summary = models.CharField(max_length=240, help_text="One line shown on service cards.")
    description = models.TextField(blank=True, help_text="Markdown: what the session includes.")
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    price = models.DecimalField(
        max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    buffer_before_minutes = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(240)]
    )
    buffer_after_minutes = models.PositiveSmallIntegerField(
        default=15, validators=[MaxValueValidator(240)]
    )
    min_notice_minutes = models.PositiveIntegerField(
        default=12 * 60, help_text="How long before its start a session can still be booked."
    )
    booking_window_days = models.PositiveSmallIntegerField(
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text="How far ahead clients can book.",
    )
    slot_step_minutes = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    cancellation_cutoff_hours = models.PositiveSmallIntegerField(
        default=24,
        help_text="Clients can cancel or reschedule online until this many hours before.",
    )
    consents_required = models.JSONField(
        default=list,
        blank=True,
        help_text='Consent kinds a client signs before this service, e.g. ["intraoral"].',
    )
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the services page.")
    practitioners = models.ManyToManyField(
        "scheduling.Practitioner",
        blank=True,
        related_name="services",
        help_text="Who offers this service (online booking picks among them).",
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "duration_minutes", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("website:services") + f"#{self.slug}"

    def clean(self) -> None:
        unknown = set(self.consents_required or []) - set(ConsentKind.values)
        if unknown:
            raise ValidationError(
                {"consents_required": f"Unknown consent kind: {', '.join(sorted(unknown))}."}
            )

    @property
    def short_name(self) -> str:
        """For tight places such as a calendar cell: "CST 60" (craniocare.lib.humanize)."""
        return short_name(self.name)

    @property
    def description_html(self) -> str:
        return render_markdown(self.description)

    @property
    def needs_intraoral_consent(self) -> bool:
        return ConsentKind.INTRAORAL in (self.consents_required or [])
