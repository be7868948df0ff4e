from django.contrib import admin

from .models import Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "duration_minutes", "price", "active", "position")
    list_editable = ("active", "position")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")
