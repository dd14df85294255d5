from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticViewSitemap(Sitemap):
    """Pages that are templates rather than content records."""

    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["faq:home", "faq:about", "contact:start"]

    def location(self, item: str) -> str:
        return reverse(item)
