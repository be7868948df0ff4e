from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "website:home",
            "website:services",
            "website:what_to_expect",
            "website:about",
            "website:faq",
            "contact:form",
            "blog:list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)
