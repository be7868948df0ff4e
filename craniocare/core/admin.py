from django.contrib import admin
from django.http import HttpRequest

from .models import BackupRecord, PracticeProfile


@admin.register(PracticeProfile)
class PracticeProfileAdmin(admin.ModelAdmin):
    fieldsets = (
        ("Practice", {"fields": ("name", "tagline", "description", "time_zone", "currency")}),
        ("Practitioner", {"fields": ("practitioner_name", "practitioner_title")}),
        (
            "Contact",
            {
                "fields": (
                    "email",
                    "phone",
                    "reply_time",
                    "street_address",
                    "locality",
                    "region",
                    "postal_code",
                    "country",
                )
            },
        ),
        ("Social", {"fields": ("instagram_url", "facebook_url", "linkedin_url", "youtube_url")}),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not PracticeProfile.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(BackupRecord)
class BackupRecordAdmin(admin.ModelAdmin):
    """Read only: records are written by `manage.py backup` and `check_backup`."""

    list_display = ("created_at", "kind", "ok", "file_name", "size")
    list_filter = ("kind", "ok")
    readonly_fields = ("kind", "created_at", "file_name", "size", "ok", "detail")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
