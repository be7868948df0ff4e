from django.contrib import admin
from django.http import HttpRequest

from .models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin[Reminder]):
    """Read-only: reminders change only with their booking (services.py)."""

    list_display = ("booking", "offset_hours", "channel", "due_at", "status", "skip_reason")
    list_filter = ("status", "channel")
    raw_id_fields = ("booking", "message")

    def get_readonly_fields(self, request: HttpRequest, obj: Reminder | None = None) -> list[str]:
        return [field.name for field in Reminder._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Reminder | None = None) -> bool:
        return False
