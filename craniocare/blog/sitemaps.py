from django.contrib.sitemaps import Sitemap


class PostSitemap(Sitemap):
    def items(self) -> list[object]:
        return []


class TagSitemap(Sitemap):
    def items(self) -> list[object]:
        return []
