from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import ContactMessage, Status


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """The practice's contact inbox: what a visitor sent stays as sent; only the status changes."""

    list_display = ("created_at", "name", "email", "topic", "status", "notification_status")
    list_display_links = ("created_at", "name")
    list_filter = ("status", "topic", "created_at")
    search_fields = ("name", "email", "phone", "message")
    date_hierarchy = "created_at"
    list_select_related = ("notification",)
    actions = ("mark_answered", "mark_closed")
    readonly_fields = (
        "name",
        "email",
        "phone",
        "topic",
        "message",
        "consent_to_contact",
        "created_at",
        "ip_address",
        "user_agent",
        "notification_status",
    )
    fieldsets = (
        (None, {"fields": ("status",)}),
        (
            "Message",
            {"fields": ("name", "email", "phone", "topic", "message", "consent_to_contact")},
        ),
        (
            "Delivery",
            {"fields": ("created_at", "notification_status", "ip_address", "user_agent")},
        ),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # messages come from the website's form

    @admin.display(description="email to the practice", ordering="notification__status")
    def notification_status(self, obj: ContactMessage) -> str:
        """The outbox's word on the notification (the office's Outbox screen retries it)."""
        if obj.notification is None:
            return "-"
        return obj.notification.get_status_display()

    @admin.action(description="Mark selected messages as answered")
    def mark_answered(self, request: HttpRequest, queryset: QuerySet[ContactMessage]) -> None:
        updated = queryset.update(status=Status.ANSWERED)
        self.message_user(request, f"{updated} message(s) marked as answered.")

    @admin.action(description="Mark selected messages as closed")
    def mark_closed(self, request: HttpRequest, queryset: QuerySet[ContactMessage]) -> None:
        updated = queryset.update(status=Status.CLOSED)
        self.message_user(request, f"{updated} message(s) marked as closed.")
