"""GET /api/v1/services"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile

from .errors import enforce_rate_limit
from .schemas import ErrorOut, ServiceOut

router = Router(tags=["services"])


@router.get("/services", response={200: list[ServiceOut], 429: ErrorOut})
def list_services(request: HttpRequest) -> list[ServiceOut]:
    """The services that can be booked online, in the order of the services page."""
    enforce_rate_limit(request, "api_read")
    currency = PracticeProfile.load().currency
    return [
        ServiceOut(
            slug=service.slug,
            name=service.name,
            duration_minutes=service.duration_minutes,
            price=f"{service.price:.2f}",
            currency=currency,
            description=service.description,
        )
        for service in Service.objects.active()
    ]
