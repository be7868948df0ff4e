"""Settings (practitioner only): practice identity and policies, staff accounts and invitations.
Writes go through craniocare.core.services and craniocare.accounts.services.

Settings stays in the office shell while the other screens live in their domain apps: it is one
page over two apps (core's PracticeProfile and accounts' staff), and core, at the bottom of the
layers, could not even guard a view (the role decorators are accounts'). The write paths, the
rules and the getters are the domain apps'; this page only arranges them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from craniocare.accounts.access import get_staff_member_for
from craniocare.accounts.models import Role, User
from craniocare.accounts.permissions import practitioner_required
from craniocare.accounts.services import (
    Invitation,
    staff_invitation_send,
    staff_invite,
    staff_update,
)
from craniocare.core.models import PracticeProfile
from craniocare.core.services import practice_profile_update

from .settings_forms import (
    IDENTITY_FIELDS,
    POLICY_FIELDS,
    REMINDER_FIELDS,
    InviteForm,
    PracticeForm,
)


def _page(request: HttpRequest, status: int = 200, **forms_: Any) -> HttpResponse:
    profile = PracticeProfile.load()
    practice_form = forms_.get("practice_form") or PracticeForm(instance=profile)
    context = {
        "practice_form": practice_form,
        "identity_fields": [practice_form[name] for name in IDENTITY_FIELDS],
        "policy_fields": [practice_form[name] for name in POLICY_FIELDS],
        "reminder_fields": [practice_form[name] for name in REMINDER_FIELDS],
        "invite_form": forms_.get("invite_form") or InviteForm(),
        "staff": User.objects.filter(role__in=[Role.PRACTITIONER, Role.FRONT_DESK]).order_by(
            "first_name", "email"
        ),
    }
    return render(request, "office/settings.html", context, status=status)


@practitioner_required
def practice_settings(request: HttpRequest) -> HttpResponse:
    return _page(request)


@practitioner_required
@require_POST
def settings_practice(request: HttpRequest) -> HttpResponse:
    profile = PracticeProfile.load()
    form = PracticeForm(request.POST, instance=profile)
    if form.is_valid():
        try:
            practice_profile_update(
                profile=PracticeProfile.load(),
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Practice settings saved.")
            return redirect("office:settings")
    return _page(request, status=400, practice_form=form)


def _invitation_message(request: HttpRequest, invitation: Invitation) -> None:
    again = " again" if invitation.again else ""
    messages.success(
        request,
        f"Invitation queued{again} for {invitation.user.email}: it goes out as soon as the mail "
        "server takes it, and they choose a password from its link.",
    )


@practitioner_required
@require_POST
def settings_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = staff_invite(request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _invitation_message(request, invitation)
            return redirect("office:settings")
    return _page(request, status=400, invite_form=form)


@practitioner_required
@require_POST
def settings_staff_reinvite(request: HttpRequest, staff_id: int) -> HttpResponse:
    member = get_staff_member_for(request.user, staff_id)
    try:
        queued = staff_invitation_send(user=member, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _invitation_message(request, Invitation(user=member, email=queued, again=True))
    return redirect("office:settings")


@practitioner_required
@require_POST
def settings_staff(request: HttpRequest, staff_id: int) -> HttpResponse:
    member = get_staff_member_for(request.user, staff_id)
    try:
        staff_update(
            actor=request.user,  # type: ignore[arg-type]
            member=member,
            role=str(request.POST.get("role", "")),
            active=request.POST.get("active") == "on",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        state = "active" if member.is_active else "switched off"
        messages.success(request, f"{member.email}: {member.get_role_display().lower()}, {state}.")
    return redirect("office:settings")
