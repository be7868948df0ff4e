"""Back-office pages. Every view is wrapped in `staff_required` or `practitioner_required`
(tests/office/test_access.py fails for any office URL whose view is not), and every object is
looked up through craniocare.accounts.access."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from craniocare.accounts.models import User
from craniocare.accounts.permissions import (
    practitioner_required,
    staff_required,
)
from craniocare.accounts.services import user_sessions_end_all
from craniocare.clients.access import get_client_for


@practitioner_required
def client_clinical(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for(request.user, client_id, clinical=True)
    return render(request, "office/client_clinical.html", {"client": client})


@staff_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "office/account.html")


@staff_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)  # staff_required let only staff through
    user_sessions_end_all(user=request.user)
    logout(request)
    messages.success(request, "You are signed out on every device, this one included.")
    return redirect("account_login")
