"""Session notes in the Django admin, read-only: a practitioner's own clients only
(clinical/access.py). Notes are written in the office (clinical/services.py, with their audit
events); signed ones never change, addenda are insert-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .access import notes_for
from .models import Addendum, NoteTemplate, SessionNote


class AddendumInline(admin.TabularInline[Addendum, SessionNote]):
    model = Addendum
    extra = 0
    fields = ("at", "author", "reason", "text")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SessionNote)
class SessionNoteAdmin(admin.ModelAdmin[SessionNote]):
    list_display = ("booking", "client", "practitioner", "status", "signed_at")
    list_filter = ("status",)
    inlines = [AddendumInline]

    def get_queryset(self, request: HttpRequest) -> Any:
        return notes_for(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [f.name for f in SessionNote._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # notes start from a booking in the office (clinical/services.py)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # drafts change in the office's editor, signed notes never

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NoteTemplate)
class NoteTemplateAdmin(admin.ModelAdmin[NoteTemplate]):
    list_display = ("name", "practitioner")
