"""The office's session-note screens: a booking's note (start, edit the draft, sign, add an
addendum) and the practitioner's note templates. Routed by office_urls.py.

Every note page goes through clinical/access.py (404 for notes that are not the user's to
see), and every page that shows a note's content writes exactly one audit event ("view"). A
restricted record shows its notice instead, and writes nothing, until it is opened
(clients/restriction.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from craniocare.accounts.permissions import practitioner_required
from craniocare.audit.models import Action
from craniocare.audit.services import audit_record
from craniocare.bookings.models import Booking
from craniocare.clients.restriction import restricted_closed, restricted_notice
from craniocare.scheduling.models import Practitioner

from .access import get_note_booking_for, templates_for
from .consents import session_consents
from .forms import AddendumForm, NoteForm, StartForm, TemplateForm
from .models import NoteLocked, SessionNote
from .selectors import labels_of
from .services import (
    ConsentNotAcknowledged,
    addendum_add,
    note_sign,
    note_start,
    note_template_create,
    note_update,
)
from .services import previous_note as previous_note_of
from .vocabulary import REGION_LABELS, REGIONS, SENSITIVE_REGIONS, VIEWS


def _note_of(booking: Booking) -> SessionNote | None:
    return (
        SessionNote.objects.filter(booking=booking)
        .select_related("author", "signed_by")
        .prefetch_related("addenda__author")
        .first()
    )


def _page(
    request: HttpRequest,
    booking: Booking,
    note: SessionNote | None,
    *,
    form: NoteForm | None = None,
    addendum_form: AddendumForm | None = None,
    sign_error: str = "",
    status: int = 200,
) -> HttpResponse:
    writable = booking.practitioner.user_id == request.user.pk
    context: dict[str, Any] = {
        "booking": booking,
        "note": note,
        "writable": writable,
        "views": [(code, label, [r for r in REGIONS if r.view == code]) for code, label in VIEWS],
        "sensitive": SENSITIVE_REGIONS,
        "sign_error": sign_error,
    }
    if note is None:
        context["start_form"] = StartForm(templates=templates_for(request.user))
        context["previous_note"] = previous_note_of(booking)
        return render(request, "clinical/office/note_start.html", context, status=status)
    # One audit event for each page that shows the note's content.
    audit_record(
        actor=request.user, client=booking.client, action=Action.VIEW, obj=note, request=request
    )
    context["labels"] = labels_of(note)
    context["sensitive_marked"] = [REGION_LABELS[c] for c in note.areas if c in SENSITIVE_REGIONS]
    context["consents"] = session_consents(booking, note.areas)
    if note.is_signed:
        context["addendum_form"] = addendum_form or AddendumForm()
        return render(request, "clinical/office/note_view.html", context, status=status)
    context["form"] = form or NoteForm(initial=NoteForm.initial_of(note))
    template = "clinical/office/note_edit.html" if writable else "clinical/office/note_view.html"
    return render(request, template, context, status=status)


@practitioner_required
def session_note(request: HttpRequest, booking_id: int) -> HttpResponse:
    if request.method != "POST":
        booking = get_note_booking_for(request.user, booking_id)
        if restricted_closed(request, booking.client):
            return restricted_notice(request, booking.client)
        return _page(request, booking, _note_of(booking))
    booking = get_note_booking_for(request.user, booking_id, write=True)
    if restricted_closed(request, booking.client):
        return restricted_notice(request, booking.client, status=403)
    note = _note_of(booking)
    if note is None:
        return redirect("office:session_note", booking_id=booking.pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            note_update(note=note, content=form.content(), author=request.user, request=request)
        except NoteLocked as locked:
            messages.error(request, str(locked))
            return redirect("office:session_note", booking_id=booking.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Draft saved.")
            return redirect("office:session_note", booking_id=booking.pk)
    return _page(request, booking, note, form=form, status=400)


@practitioner_required
@require_POST
def session_note_start(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = get_note_booking_for(request.user, booking_id, write=True)
    if restricted_closed(request, booking.client):
        return restricted_notice(request, booking.client, status=403)
    form = StartForm(request.POST, templates=templates_for(request.user))
    if not form.is_valid():
        return _page(request, booking, _note_of(booking), status=400)
    note_start(
        booking=booking,
        author=request.user,
        from_last=form.cleaned_data["from_last"],
        template=form.cleaned_data["template"],
        request=request,
    )
    return redirect("office:session_note", booking_id=booking.pk)


@practitioner_required
@require_POST
def session_note_sign(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = get_note_booking_for(request.user, booking_id, write=True)
    if restricted_closed(request, booking.client):
        return restricted_notice(request, booking.client, status=403)
    note = _note_of(booking)
    if note is None or note.is_signed:
        messages.info(request, "There is no draft to sign here.")
        return redirect("office:session_note", booking_id=booking.pk)
    if request.POST.get("confirm") != "yes":
        error = "Tick the box to confirm: once signed, the note cannot be changed."
        return _page(request, booking, note, sign_error=error, status=400)
    try:
        note_sign(
            note=note,
            signer=request.user,
            consent_ack_reason=request.POST.get("consent_ack_reason", "")[:2000],
            request=request,
        )
    except ConsentNotAcknowledged as missing:
        kinds = ", ".join(gap.kind_label for gap in missing.gaps)
        error = (
            f"The client did not hold a valid consent for this session: {kinds}. "
            "Say why you sign anyway (for example, the region was not worked after the "
            "withdrawal), or remove the region from the body chart and save the draft first."
        )
        return _page(request, booking, note, sign_error=error, status=400)
    except ValidationError as invalid:
        return _page(request, booking, note, sign_error=" ".join(invalid.messages), status=400)
    except NoteLocked as locked:
        messages.error(request, str(locked))
    else:
        messages.success(request, "Note signed. Corrections from now on are addenda.")
    return redirect("office:session_note", booking_id=booking.pk)


@practitioner_required
@require_POST
def session_note_addendum(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = get_note_booking_for(request.user, booking_id, write=True)
    if restricted_closed(request, booking.client):
        return restricted_notice(request, booking.client, status=403)
    note = _note_of(booking)
    if note is None or not note.is_signed:
        messages.info(request, "Addenda are for signed notes: edit the draft instead.")
        return redirect("office:session_note", booking_id=booking.pk)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            addendum_add(
                note=note,
                author=request.user,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Addendum added.")
            return redirect("office:session_note", booking_id=booking.pk)
    return _page(request, booking, note, addendum_form=form, status=400)


@practitioner_required
def note_templates(request: HttpRequest) -> HttpResponse:
    practitioner = Practitioner.objects.filter(user=request.user).first()  # type: ignore[misc]
    form = TemplateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if practitioner is None:
            form.add_error(None, "Only a practitioner with a calendar keeps note templates.")
        elif form.is_valid():
            try:
                note_template_create(
                    practitioner=practitioner,
                    name=form.cleaned_data["name"],
                    content=form.content(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Template saved.")
                return redirect("office:note_templates")
    context = {
        "form": form,
        "templates": templates_for(request.user),
        "views": [(code, label, [r for r in REGIONS if r.view == code]) for code, label in VIEWS],
    }
    return render(request, "clinical/office/note_templates.html", context, status=status)
