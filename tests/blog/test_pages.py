"""The public article pages: list, tag, article; what they show and what they hide."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from craniocare.blog.models import Post
from craniocare.core.models import PracticeProfile
from tests.factories import PostFactory, TagFactory

from .helpers import parse_page

pytestmark = pytest.mark.django_db

LIST = reverse("blog:list")


def test_it_lists_published_articles_with_the_practice_name(client: Client, practice):
    tag = TagFactory(name="psoas")
    post = PostFactory(title="The psoas and the breath", tags=[tag])
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Serena CranioCare" in html
    assert post.title in html
    assert post.get_absolute_url() in html
    assert tag.get_absolute_url() in html
    page = parse_page(html)
    assert page.count("h1") == 1
    assert page.count("h2") >= 1  # each card's title is an h2 on the list page


def test_it_shows_an_article_page(client: Client, practice):
    tag = TagFactory(name="jaw & TMJ", slug="jaw-tmj")
    post = PostFactory(
        title="Jaw tension, gently",
        body="## Why it matters\n\nThe jaw works hard.\n\n- chewing\n- speaking\n",
        tags=[tag],
    )
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    page = parse_page(html)
    assert "Serena CranioCare" in html
    assert page.count("h1") == 1
    assert page.count("article") >= 1
    assert "<h2>Why it matters</h2>" in html
    assert "<li>chewing</li>" in html
    assert "jaw &amp; TMJ" in html
    assert f'href="{reverse("bookings:book")}"' in html
    assert f'href="{reverse("contact:form")}"' in html
    published = post.published_at.replace(microsecond=0)
    assert any(
        name == "time" and datetime.fromisoformat(attrs["datetime"] or "") == published
        for name, attrs in page.tags
    )


def test_it_shows_the_reading_time(client: Client, practice):
    post = PostFactory(body=" ".join(["word"] * 700))  # 700 words at 220 a minute: 4 minutes
    assert post.reading_minutes == 4
    assert "4 min read" in client.get(post.get_absolute_url()).content.decode()
    assert "4 min read" in client.get(LIST).content.decode()


def test_it_shows_the_cover_with_its_alt_text(client: Client, practice):
    post = PostFactory(cover_alt="Soft sage shapes on cream")
    post.cover.save("cover.webp", ContentFile(b"not really an image"), save=True)
    page = parse_page(client.get(post.get_absolute_url()).content)
    covers = [
        attrs for name, attrs in page.tags if name == "img" and "covers/" in (attrs["src"] or "")
    ]
    assert covers and covers[0]["alt"] == "Soft sage shapes on cream"
    assert page.meta("og:image") == ["http://testserver" + post.cover.url]
    assert page.meta("twitter:image") == ["http://testserver" + post.cover.url]


def test_every_image_has_alt_text(client: Client, practice):
    post = PostFactory(body="![A quiet room](https://example.com/room.jpg)\n\nText.")
    post.cover.save("cover.webp", ContentFile(b"x"), save=True)
    PostFactory()
    for url in [LIST, post.get_absolute_url()]:
        page = parse_page(client.get(url).content)
        images = [attrs for name, attrs in page.tags if name == "img"]
        assert images and all(attrs.get("alt") is not None for attrs in images)


def test_it_uses_the_default_image_without_a_cover(client: Client, practice):
    post = PostFactory()
    page = parse_page(client.get(post.get_absolute_url()).content)
    assert page.meta("og:image")[0].endswith("/static/img/og-default.png")
    assert not [a for n, a in page.tags if n == "img" and "covers/" in (a["src"] or "")]


def test_it_has_canonical_opengraph_and_twitter_meta(client: Client, practice):
    tag = TagFactory(name="psoas")
    post = PostFactory(title="Meet the psoas", summary="A deep muscle.", tags=[tag])
    page = parse_page(client.get(post.get_absolute_url()).content)
    canonical = [a["href"] for n, a in page.tags if n == "link" and a.get("rel") == "canonical"]
    assert canonical == ["http://testserver" + post.get_absolute_url()]
    assert page.meta("og:type") == ["article"]
    assert page.meta("og:title") == ["Meet the psoas"]
    assert page.meta("og:description") == ["A deep muscle."]
    assert page.meta("description") == ["A deep muscle."]
    assert page.meta("article:tag") == ["psoas"]
    assert page.meta("twitter:title") == ["Meet the psoas"]
    published = datetime.fromisoformat(page.meta("article:published_time")[0])
    assert published == post.published_at


def test_it_describes_the_article_in_json_ld(client: Client, practice):
    tags = [TagFactory(name="psoas"), TagFactory(name="pelvis")]
    post = PostFactory(title="The psoas and the pelvis", summary="How they meet.", tags=tags)
    page = parse_page(client.get(post.get_absolute_url()).content)
    blocks = page.structured_data()
    types = [block["@type"] for block in blocks]
    assert "HealthAndBeautyBusiness" in types, "the practice JSON-LD is kept"
    article = next(block for block in blocks if block["@type"] == "Article")
    assert article["headline"] == "The psoas and the pelvis"
    assert article["description"] == "How they meet."
    assert article["author"] == {
        "@type": "Person",
        "name": "Serena Walsh",
        "url": "http://testserver" + reverse("website:about"),
        "jobTitle": "CranioSacral Therapist",
    }
    assert article["publisher"]["name"] == "Serena CranioCare"
    assert datetime.fromisoformat(article["datePublished"]) == post.published_at
    assert datetime.fromisoformat(article["dateModified"]) == post.updated_at
    url = "http://testserver" + post.get_absolute_url()
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["image"].startswith("http://testserver/")
    assert set(article["keywords"].split(", ")) == {"psoas", "pelvis"}


def test_a_title_cannot_break_out_of_the_json_ld_script(client: Client, practice):
    post = PostFactory(title="Breath </script><script>alert(1)</script>")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    article = next(b for b in parse_page(html).structured_data() if b["@type"] == "Article")
    assert article["headline"] == "Breath </script><script>alert(1)</script>"


def test_it_sanitizes_the_markdown_body(client: Client, practice):
    post = PostFactory(
        body=(
            "Hello <script>alert('body')</script>\n\n"
            "[a trap](javascript:alert('link'))\n\n"
            '<a href="javascript:alert(2)">raw link</a>\n\n'
            '<img src="x.png" onerror="alert(3)" alt="x">\n\n'
            "[a friend](https://example.com/)"
        )
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert "alert('body')" not in html
    page = parse_page(html)
    for name, attrs in page.tags:
        assert not any(key.startswith("on") for key in attrs), (name, attrs)
        assert not any(
            (value or "").strip().lower().startswith("javascript:") for value in attrs.values()
        ), (name, attrs)
        if name == "script":  # only the site's own script file and JSON-LD blocks
            assert attrs.get("src") or attrs.get("type") == "application/ld+json"
    assert 'href="https://example.com/"' in html


def test_it_hides_drafts(client: Client, practice):
    draft = PostFactory(draft=True, title="An unfinished thought")
    tag = TagFactory(name="psoas")
    PostFactory(tags=[tag])
    draft.tags.add(tag)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "An unfinished thought" not in client.get(LIST).content.decode()
    assert "An unfinished thought" not in client.get(tag.get_absolute_url()).content.decode()


def test_it_hides_scheduled_posts_until_their_time(client: Client, practice):
    tag = TagFactory(name="psoas")
    PostFactory(tags=[tag])
    future = timezone.now() + timedelta(hours=2)
    scheduled = PostFactory(title="Coming soon", published_at=future, tags=[tag])
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert "Coming soon" not in client.get(LIST).content.decode()
    assert "Coming soon" not in client.get(tag.get_absolute_url()).content.decode()
    with time_machine.travel(future + timedelta(minutes=5), tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        assert "Coming soon" in client.get(LIST).content.decode()


def test_a_published_post_without_a_time_gets_one_when_saved(practice):
    with time_machine.travel(datetime(2026, 3, 1, 12, 0, tzinfo=UTC), tick=False):
        post = PostFactory(published_at=None)
    assert post.published_at == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_it_answers_404_for_an_unknown_article(client: Client, practice):
    assert client.get(reverse("blog:detail", args=["no-such-article"])).status_code == 404


def test_it_filters_by_tag(client: Client, practice):
    psoas, jaw = TagFactory(name="psoas"), TagFactory(name="jaw")
    about_psoas = PostFactory(title="All about the psoas", tags=[psoas])
    about_jaw = PostFactory(title="All about the jaw", tags=[jaw])
    response = client.get(psoas.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Serena CranioCare" in html
    assert about_psoas.title in html
    assert about_jaw.title not in html
    page = parse_page(html)
    assert page.count("h1") == 1


def test_it_answers_404_for_an_unknown_tag(client: Client, practice):
    assert client.get(reverse("blog:tag", args=["no-such-tag"])).status_code == 404


def test_a_tag_with_only_unpublished_posts_is_404(client: Client, practice):
    tag = TagFactory(name="later")
    PostFactory(draft=True, tags=[tag])
    PostFactory(scheduled=True, tags=[tag])
    assert client.get(tag.get_absolute_url()).status_code == 404


def test_it_paginates_nine_articles_a_page(client: Client, practice):
    now = timezone.now()
    posts = [PostFactory(published_at=now - timedelta(hours=i + 1)) for i in range(10)]
    first = client.get(LIST).content.decode()
    assert first.count('class="post-card"') == 9
    assert posts[0].title in first and posts[9].title not in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get(LIST, {"page": "2"}).content.decode()
    assert second.count('class="post-card"') == 1
    assert posts[9].title in second
    assert f'rel="prev" href="{LIST}"' in second
    canonical = [
        a["href"] for n, a in parse_page(second).tags if n == "link" and a.get("rel") == "canonical"
    ]
    assert canonical == [f"http://testserver{LIST}?page=2"]


def test_it_paginates_tag_pages_too(client: Client, practice):
    tag = TagFactory(name="psoas")
    for _ in range(10):
        PostFactory(tags=[tag])
    assert client.get(tag.get_absolute_url()).content.decode().count('class="post-card"') == 9
    second = client.get(tag.get_absolute_url(), {"page": 2})
    assert second.content.decode().count('class="post-card"') == 1
    assert client.get(tag.get_absolute_url(), {"page": 3}).status_code == 404


@pytest.mark.parametrize("number", ["0", "-1", "3", "abc", "1.5", "", "9" * 40, "1e3", "%00"])
def test_a_bad_page_number_is_404_never_500(client: Client, practice, number: str):
    for _ in range(10):
        PostFactory()
    assert client.get(LIST, {"page": number}).status_code == 404


def test_an_empty_blog_still_has_a_first_page(client: Client, practice):
    response = client.get(LIST)
    assert response.status_code == 200
    assert client.get(LIST, {"page": "2"}).status_code == 404


def test_it_links_related_articles_by_shared_tags(client: Client, practice):
    now = timezone.now()
    t1, t2, other = TagFactory(name="psoas"), TagFactory(name="pelvis"), TagFactory(name="jaw")
    post = PostFactory(tags=[t1, t2], published_at=now - timedelta(days=1))
    both_old = PostFactory(title="Shares two", tags=[t1, t2], published_at=now - timedelta(days=30))
    one_new = PostFactory(
        title="Shares one, newest", tags=[t1], published_at=now - timedelta(hours=1)
    )
    one_mid = PostFactory(
        title="Shares one, older", tags=[t2], published_at=now - timedelta(days=3)
    )
    PostFactory(title="Shares one, oldest", tags=[t1], published_at=now - timedelta(days=9))
    PostFactory(title="Shares nothing", tags=[other])
    PostFactory(title="A draft", tags=[t1, t2], draft=True)
    PostFactory(title="Scheduled", tags=[t1, t2], scheduled=True)

    assert list(Post.objects.related_to(post)) == [both_old, one_new, one_mid]

    html = client.get(post.get_absolute_url()).content.decode()
    related = html[html.index('id="related-title"') :]
    positions = [related.index(p.title) for p in (both_old, one_new, one_mid)]
    assert positions == sorted(positions)
    for absent in ["Shares one, oldest", "Shares nothing", "A draft", "Scheduled"]:
        assert absent not in related
    assert related.count('class="post-card"') == 3


def test_an_article_is_never_related_to_itself(practice):
    tag = TagFactory(name="psoas")
    post = PostFactory(tags=[tag])
    assert list(Post.objects.related_to(post)) == []


def test_it_leaves_out_the_related_section_when_there_is_none(client: Client, practice):
    post = PostFactory()
    assert 'id="related-title"' not in client.get(post.get_absolute_url()).content.decode()


def test_it_shows_dates_in_the_practice_time_zone(client: Client, practice):
    # 02:30 UTC on 2 May is still 1 May in Toronto.
    post = PostFactory(published_at=datetime(2025, 5, 2, 2, 30, tzinfo=UTC))
    html = client.get(post.get_absolute_url()).content.decode()
    assert "1 May 2025" in html
    assert 'datetime="2025-05-01T22:30:00-04:00"' in html


def test_a_saved_post_appears_at_once_despite_the_page_cache(client: Client, practice):
    PostFactory(title="First words")
    assert "First words" in client.get(LIST).content.decode()
    PostFactory(title="Second words")
    assert "Second words" in client.get(LIST).content.decode()


def test_it_works_without_a_practice_row(client: Client, db):
    assert not PracticeProfile.objects.exists()
    post = PostFactory()
    assert client.get(LIST).status_code == 200
    assert client.get(post.get_absolute_url()).status_code == 200


def test_the_pages_only_answer_reading_requests(client: Client, practice):
    post = PostFactory()
    assert client.post(LIST).status_code == 405
    assert client.post(post.get_absolute_url()).status_code == 405
    assert client.head(post.get_absolute_url()).status_code == 200
