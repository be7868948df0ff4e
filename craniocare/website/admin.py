from django.contrib import admin

from .models import FaqEntry, Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "updated_at")


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ("question", "position", "published")
    list_editable = ("position", "published")
