"""Access getters: intake answers and consents are health information, so they follow THE rule
of craniocare/clients/access.py (a practitioner's own clients only; 404 for anyone else)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from craniocare.clients.access import clinical_clients_for

from .models import Consent, IntakeSubmission


def get_submission_for(user: Any, pk: int) -> IntakeSubmission:
    return get_object_or_404(
        IntakeSubmission.objects.select_related("template", "client").filter(
            client__in=clinical_clients_for(user)
        ),
        pk=pk,
    )


def get_consent_for(user: Any, pk: int) -> Consent:
    return get_object_or_404(
        Consent.objects.select_related("document", "client").filter(
            client__in=clinical_clients_for(user)
        ),
        pk=pk,
    )
