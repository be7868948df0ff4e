"""The admin: article list, search, and a Markdown preview on the change form."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import PostFactory, TagFactory
from tests.signin import sign_in_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    user = get_user_model().objects.create_superuser("serena@example.com", "a-long-password-1")
    return sign_in_with_mfa(client, user, "a-long-password-1")  # the admin is behind MFA


def test_it_previews_the_saved_markdown_sanitized(admin_client: Client, practice):
    post = PostFactory(body="## Where it lives\n\n- T12 to L5\n\n<script>alert(1)</script>")
    response = admin_client.get(reverse("admin:blog_post_change", args=[post.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="markdown-preview"><h2>Where it lives</h2>' in html
    assert "<li>T12 to L5</li>" in html
    assert "<script>alert(1)</script>" not in html.split('class="markdown-preview"', 1)[1]


def test_the_add_form_explains_the_preview(admin_client: Client, practice):
    response = admin_client.get(reverse("admin:blog_post_add"))
    assert response.status_code == 200
    assert "Save the article to see a preview" in response.content.decode()


def test_it_lists_and_searches_articles(admin_client: Client, practice):
    PostFactory(title="The psoas and the pelvis")
    PostFactory(title="Jaw tension", draft=True)
    PostFactory(title="Breath", scheduled=True)
    changelist = reverse("admin:blog_post_changelist")
    html = admin_client.get(changelist).content.decode()
    for state in ["Published", "Draft", "Scheduled"]:
        assert state in html
    found = admin_client.get(changelist, {"q": "psoas"}).content.decode()
    assert "The psoas and the pelvis" in found and "Jaw tension" not in found
    assert admin_client.get(changelist, {"status__exact": "draft"}).status_code == 200


def test_it_lists_tags_with_their_article_counts(admin_client: Client, practice):
    tag = TagFactory(name="psoas")
    PostFactory(tags=[tag])
    PostFactory(tags=[tag])
    response = admin_client.get(reverse("admin:blog_tag_changelist"))
    assert response.status_code == 200
    assert "psoas" in response.content.decode()
