"""Placeholder views; the blog work replaces them."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse


def post_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("articles")


def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("tag")


def post_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("post")


class LatestPostsFeed(Feed):
    title = "Articles"
    link = "/articles/"

    def items(self) -> list[object]:
        return []
