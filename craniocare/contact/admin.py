from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import ContactMessage, Status
from .services import contact_message_notify


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """The practice's contact inbox: what a visitor sent stays as sent; only the status changes."""

    list_display = ("created_at", "name", "email", "topic", "status", "notified")
    list_display_links = ("created_at", "name")
    list_filter = ("status", "topic", "created_at")
    search_fields = ("name", "email", "phone", "message")
    date_hierarchy = "created_at"
    actions = ("mark_answered", "mark_closed", "retry_notification")
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
        "notified_at",
        "notify_error",
    )
    fieldsets = (
        (None, {"fields": ("status",)}),
        (
            "Message",
            {"fields": ("name", "email", "phone", "topic", "message", "consent_to_contact")},
        ),
        (
            "Delivery",
            {"fields": ("created_at", "notified_at", "notify_error", "ip_address", "user_agent")},
        ),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # messages come from the website's form

    @admin.display(boolean=True, description="emailed", ordering="notified_at")
    def notified(self, obj: ContactMessage) -> bool:
        return obj.notified_at is not None

    @admin.action(description="Mark selected messages as answered")
    def mark_answered(self, request: HttpRequest, queryset: QuerySet[ContactMessage]) -> None:
        updated = queryset.update(status=Status.ANSWERED)
        self.message_user(request, f"{updated} message(s) marked as answered.")

    @admin.action(description="Mark selected messages as closed")
    def mark_closed(self, request: HttpRequest, queryset: QuerySet[ContactMessage]) -> None:
        updated = queryset.update(status=Status.CLOSED)
        self.message_user(request, f"{updated} message(s) marked as closed.")

    @admin.action(description="Send the notification email again (where it failed)")
    def retry_notification(self, request: HttpRequest, queryset: QuerySet[ContactMessage]) -> None:
        pending = list(queryset.filter(notified_at__isnull=True).values_list("pk", flat=True))
        sent = sum(contact_message_notify(pk) for pk in pending)
        if sent == len(pending):
            self.message_user(request, f"{sent} notification email(s) sent.")
        else:
            self.message_user(
                request,
                f"{sent} of {len(pending)} notification email(s) sent; "
                "see the delivery error on the others.",
                level=messages.WARNING,
            )
