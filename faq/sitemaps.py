from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from faq.models import Article, CrimeArea, ScamType, Topic


class PublishedSitemap(Sitemap):
    """Every published item of one model, dated by its last change."""

    model = None

    def items(self) -> list:
        # A list, not a QuerySet: the paginator then needs no COUNT query.
        return list(self.model.objects.published().order_by("pk"))

    def lastmod(self, item):
        return item.updated


class TopicSitemap(PublishedSitemap):
    model = Topic


class ArticleSitemap(PublishedSitemap):
    model = Article


class CrimeAreaSitemap(PublishedSitemap):
    model = CrimeArea


class ScamTypeSitemap(PublishedSitemap):
    model = ScamType


class IndexPageSitemap(Sitemap):
    """The knowledge base's index pages."""

    def items(self) -> list[str]:
        return ["faq:crimearea_list", "faq:scamtype_list"]

    def location(self, item: str) -> str:
        return reverse(item)
