from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from faq.models import Article, CrimeArea, ScamType, Topic


class PublishedSitemap(Sitemap):
    """Every published item of one model, dated by its last change."""

    # One entry per language, each listing its alternates and the x-default.
    i18n = True
    alternates = True
    x_default = True

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
    """The knowledge base's index pages, dated by the latest change to what they list."""

    # One entry per language, each listing its alternates and the x-default.
    i18n = True
    alternates = True
    x_default = True

    listed_models = {"faq:crimearea_list": CrimeArea, "faq:scamtype_list": ScamType}

    def items(self) -> list[tuple[str, object]]:
        return [
            (name, model.objects.published().aggregate(latest=Max("updated"))["latest"])
            for name, model in self.listed_models.items()
        ]

    def location(self, item: tuple[str, object]) -> str:
        return reverse(item[0])

    def lastmod(self, item: tuple[str, object]):
        return item[1]
