from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from craniocare.blog.models import Post
from craniocare.catalog.models import Service
from craniocare.core.caching import public_page
from craniocare.core.structured_data import to_script_json
from craniocare.lib.markdown import plain_text
from craniocare.scheduling.models import Practitioner

from .models import FaqEntry, Page, PageKey


@public_page
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "page": Page.for_key(PageKey.HOME),
        "services": Service.objects.active(),
        "posts": Post.objects.published().order_by("-published_at")[:3],
    }
    return render(request, "website/home.html", context)


@public_page
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "website/about.html", {"page": Page.for_key(PageKey.ABOUT)})


@public_page
def services(request: HttpRequest) -> HttpResponse:
    # Each service says who offers it, now that the practice has more than one practitioner.
    offering = Prefetch(
        "practitioners", queryset=Practitioner.objects.active().order_by("position", "pk")
    )
    context = {
        "page": Page.for_key(PageKey.SERVICES),
        "services": Service.objects.active().prefetch_related(offering),
    }
    return render(request, "website/services.html", context)


@public_page
def what_to_expect(request: HttpRequest) -> HttpResponse:
    context = {"page": Page.for_key(PageKey.WHAT_TO_EXPECT)}
    return render(request, "website/what_to_expect.html", context)


@public_page
def faq(request: HttpRequest) -> HttpResponse:
    entries = list(FaqEntry.objects.filter(published=True))
    context = {
        "page": Page.for_key(PageKey.FAQ),
        "entries": entries,
        "faq_jsonld": to_script_json(faq_data(entries)),
    }
    return render(request, "website/faq.html", context)


def faq_data(entries: list[FaqEntry]) -> dict[str, object]:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(entry.answer)},
            }
            for entry in entries
        ],
    }
