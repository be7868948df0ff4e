"""Write paths for services (the office's Services screen). Each checks the rules that make a
service bookable and says, in the practice's words, what to change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Service


def service_rule_errors(service: Service, *, practitioner_count: int) -> dict[str, str]:
    """Combinations of settings that would make a service unbookable or surprising."""
    errors: dict[str, str] = {}
    window_minutes = (service.booking_window_days or 0) * 24 * 60
    if service.min_notice_minutes is not None and service.min_notice_minutes >= window_minutes:
        errors["min_notice_minutes"] = (
            f"The minimum notice ({service.min_notice_minutes} minutes) reaches past the booking "
            f"window ({service.booking_window_days} days), so no time could ever be booked. "
            "Shorten the notice or lengthen the window."
        )
    if service.active and practitioner_count == 0:
        errors["practitioners"] = (
            "An active service needs at least one practitioner who offers it; otherwise clients "
            "see it but can never book it. Tick a practitioner, or untick “Active”."
        )
    if (
        service.cancellation_cutoff_hours is not None
        and service.booking_window_days is not None
        and service.cancellation_cutoff_hours > service.booking_window_days * 24
    ):
        errors["cancellation_cutoff_hours"] = (
            "The cancellation cutoff is longer than the booking window: clients could never "
            "cancel online. Make it shorter than the window."
        )
    return errors


def service_save(*, service: Service, practitioners: Sequence[Any]) -> Service:
    """Create or update `service` and who offers it, in one transaction."""
    service.full_clean()
    errors = service_rule_errors(service, practitioner_count=len(practitioners))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        service.save()
        service.practitioners.set(practitioners)
    return service


def service_set_active(*, service: Service, active: bool) -> Service:
    """Offer the service online again, or stop offering it (existing bookings keep their time)."""
    if active:
        errors = service_rule_errors(
            Service(
                active=True,
                min_notice_minutes=service.min_notice_minutes,
                booking_window_days=service.booking_window_days,
                cancellation_cutoff_hours=service.cancellation_cutoff_hours,
            ),
            practitioner_count=service.practitioners.count(),
        )
        if errors:
            raise ValidationError(errors)
    service.active = active
    service.save(update_fields=["active"])
    return service
