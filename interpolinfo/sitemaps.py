from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticViewSitemap(Sitemap):
    """Pages that are templates rather than content records."""

    # One entry per language, each listing its alternates and the x-default.
    i18n = True
    alternates = True
    x_default = True

    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["faq:home", "faq:about", "contact:start", "checker:check"]

    def location(self, item: str) -> str:
        return reverse(item)
