from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from craniocare.lib.markdown import render_markdown

from .models import Post, Tag


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("title", "state", "published_at", "reading_time", "updated_at")
    list_filter = ("status", "tags", "published_at")
    search_fields = ("title", "summary", "body", "slug")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)
    readonly_fields = ("preview", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (
            "Preview",
            {
                "fields": ("preview",),
                "description": "How the saved text reads on the site. Save to refresh it.",
            },
        ),
        ("Cover image", {"fields": ("cover", "cover_alt")}),
        (
            "Publishing",
            {
                "fields": ("status", "published_at", "tags", "created_at", "updated_at"),
                "description": (
                    "A published article with a publication time in the future stays hidden "
                    "until that time."
                ),
            },
        ),
    )

    @admin.display(description="State")
    def state(self, obj: Post) -> str:
        return obj.state

    @admin.display(description="Reading time")
    def reading_time(self, obj: Post) -> str:
        return f"{obj.reading_minutes} min"

    @admin.display(description="Preview")
    def preview(self, obj: Post | None) -> SafeString | str:
        if obj is None or not obj.pk:
            return "Save the article to see a preview of its text."
        # render_markdown returns HTML already sanitized by nh3.
        return format_html(
            '<div class="markdown-preview">{}</div>',
            mark_safe(render_markdown(obj.body)),  # noqa: S308
        )


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "post_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tag]:
        return super().get_queryset(request).annotate(post_count=Count("posts"))

    @admin.display(description="Articles", ordering="post_count")
    def post_count(self, obj: Tag) -> int:
        return int(getattr(obj, "post_count", 0))
