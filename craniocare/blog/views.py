"""Public article pages and the Atom feed. Thin: parse, select, render."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.views.decorators.http import require_safe

from craniocare.core.caching import public_page
from craniocare.core.models import PracticeProfile
from craniocare.core.structured_data import to_script_json

from .models import Post, Tag
from .structured_data import article_data, article_image_url

POSTS_PER_PAGE = 9
FEED_SIZE = 20


def paginate(request: HttpRequest, posts: QuerySet[Post]) -> Page[Post]:
    """The page asked for by `?page=`; anything but an existing page number is a 404."""
    number = request.GET.get("page", "1")
    try:
        return Paginator(posts, POSTS_PER_PAGE).page(number)
    except InvalidPage as missing:
        raise Http404("No such page of articles.") from missing


@require_safe
@public_page
def post_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, Post.objects.for_listing())
    return render(request, "blog/post_list.html", {"page_obj": page, "posts": page.object_list})


@require_safe
@public_page
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag.objects.in_use(), slug=slug)
    page = paginate(request, Post.objects.for_listing().filter(tags=tag))
    context = {"tag": tag, "page_obj": page, "posts": page.object_list}
    return render(request, "blog/post_list.html", context)


@require_safe
@public_page
def post_detail(request: HttpRequest, slug: str) -> HttpResponse:
    post = get_object_or_404(Post.objects.published().prefetch_related("tags"), slug=slug)
    practice = PracticeProfile.load()
    context = {
        "post": post,
        "body_html": post.body_html,
        "related": Post.objects.related_to(post),
        "canonical_url": request.build_absolute_uri(post.get_absolute_url()),
        "image_url": article_image_url(request, post),
        "article_jsonld": to_script_json(article_data(request, post, practice)),
    }
    return render(request, "blog/post_detail.html", context)


class LatestPostsFeed(Feed):
    """Atom feed of the newest published articles."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{PracticeProfile.load().name}: articles"

    def subtitle(self) -> str:
        practice = PracticeProfile.load()
        return (
            f"Articles from {practice.name} on CranioSacral Therapy, the nervous system "
            "and gentle hands-on care."
        )

    def link(self) -> str:
        return reverse("blog:list")

    def author_name(self) -> str:
        practice = PracticeProfile.load()
        return practice.practitioner_name or practice.name

    def items(self) -> QuerySet[Post]:
        return Post.objects.published().newest_first().prefetch_related("tags")[:FEED_SIZE]

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        # Atom summaries are declared as HTML; the description is plain text.
        return escape(item.description)

    def item_categories(self, item: Post) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_pubdate(self, item: Post) -> object:
        return item.published_at

    def item_updateddate(self, item: Post) -> object:
        return item.updated_at

    def item_author_name(self, item: Post) -> str:
        return self.author_name()
