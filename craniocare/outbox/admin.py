from django.contrib import admin
from django.http import HttpRequest

from .models import Attempt, Message, WorkerHeartbeat


class AttemptInline(admin.TabularInline[Attempt, Message]):
    model = Attempt
    extra = 0
    can_delete = False
    readonly_fields = ("worker", "started_at", "finished_at", "ok", "error")


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin[Message]):
    """Read-only: retry and cancel live on the office's Outbox screen (one write path)."""

    list_display = ("kind", "recipient_label", "subject", "status", "attempts", "due_at")
    list_filter = ("status", "kind", "channel")
    inlines = [AttemptInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Message | None = None) -> list[str]:
        return [field.name for field in Message._meta.fields]

    def get_exclude(self, request: HttpRequest, obj: Message | None = None) -> tuple[str, ...]:
        return ("payload",) if obj is not None and obj.clinical else ()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin[WorkerHeartbeat]):
    list_display = ("worker", "backend", "seen_at", "started_at")
