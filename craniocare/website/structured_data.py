"""schema.org JSON-LD for the practice, embedded on every public page (through
craniocare/website/context_processors.py): identity from core, opening hours from the
practitioners' weekly hours in scheduling."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from craniocare.core.models import PracticeProfile
from craniocare.scheduling.models import WorkingHours


def practice_data(request: HttpRequest, practice: PracticeProfile) -> dict[str, Any]:
    home = request.build_absolute_uri(reverse("website:home"))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "HealthAndBeautyBusiness",
        "@id": home + "#practice",
        "name": practice.name,
        "url": home,
        "description": practice.description,
        "currenciesAccepted": practice.currency,
    }
    if practice.phone:
        data["telephone"] = practice.phone
    if practice.email:
        data["email"] = practice.email
    if practice.street_address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": practice.street_address,
            "addressLocality": practice.locality,
            "addressRegion": practice.region,
            "postalCode": practice.postal_code,
            "addressCountry": practice.country,
        }
    if practice.practitioner_name:
        data["founder"] = {
            "@type": "Person",
            "name": practice.practitioner_name,
            "jobTitle": practice.practitioner_title,
        }
    if practice.social_links:
        data["sameAs"] = [url for _, url in practice.social_links]
    hours = opening_hours_specification()
    if hours:
        data["openingHoursSpecification"] = hours
    return data


DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def opening_hours_specification() -> list[dict[str, str]]:
    """The practitioners' weekly hours (local wall-clock times), merged across practitioners:
    on each day, hours that overlap or touch become one opening (9-12 and 10-14 are 9-14)."""
    rows = (
        WorkingHours.objects.filter(practitioner__active=True)
        .values_list("weekday", "start", "end")
        .order_by("weekday", "start", "end")
    )
    merged: list[list[Any]] = []
    for weekday, start, end in rows:
        if merged and merged[-1][0] == weekday and start <= merged[-1][2]:
            merged[-1][2] = max(merged[-1][2], end)
        else:
            merged.append([weekday, start, end])
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{DAY_NAMES[weekday]}",
            "opens": start.strftime("%H:%M"),
            "closes": end.strftime("%H:%M"),
        }
        for weekday, start, end in merged
    ]
