"""schema.org JSON-LD and link-preview data for an article page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse

from craniocare.core.models import PracticeProfile

from .models import Post

DEFAULT_IMAGE = "img/og-default.png"


def article_image_url(request: HttpRequest, post: Post) -> str:
    """The absolute URL of the cover, or of the site's default preview image."""
    if post.cover:
        return request.build_absolute_uri(post.cover.url)
    return request.build_absolute_uri(static(DEFAULT_IMAGE))


def article_data(request: HttpRequest, post: Post, practice: PracticeProfile) -> dict[str, Any]:
    """An `Article` for search engines: who wrote it, who published it, when, about what."""
    home = request.build_absolute_uri(reverse("website:home"))
    url = request.build_absolute_uri(post.get_absolute_url())
    publisher = {
        "@type": "HealthAndBeautyBusiness",
        "@id": home + "#practice",
        "name": practice.name,
        "url": home,
    }
    author: dict[str, Any]
    if practice.practitioner_name:
        author = {
            "@type": "Person",
            "name": practice.practitioner_name,
            "url": request.build_absolute_uri(reverse("website:about")),
        }
        if practice.practitioner_title:
            author["jobTitle"] = practice.practitioner_title
    else:
        author = publisher
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": post.title,
        "description": post.description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": post.published_at.isoformat() if post.published_at else None,
        "dateModified": post.updated_at.isoformat(),
        "author": author,
        "publisher": publisher,
        "image": article_image_url(request, post),
        "inLanguage": "en",
    }
    keywords = [tag.name for tag in post.tags.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    return data
