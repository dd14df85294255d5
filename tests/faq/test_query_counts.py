"""Every public page runs at most six SQL queries, however much content exists.

The page cache adds one before the view: its read of the content version.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from faq.models import Article, ArticleSource, Status
from interpolinfo.markdown import render_markdown
from tests.faq.factories import make_article, make_crime_area, make_scam_type, make_topic

pytestmark = pytest.mark.django_db
MAX_QUERIES = 6
PAGE_CACHE_QUERIES = 1


def build_site(article_count: int) -> list[str]:
    topic = make_topic(slug="what-interpol-is")
    first = make_article(topic=topic, slug="first", title="What is a Red Notice?")
    now = timezone.now()
    body = "INTERPOL helps **police** with a red notice."
    Article.objects.bulk_create(
        Article(
            topic=topic,
            slug=f"bulk-{number}",
            title=f"Question {number} about notices",
            summary="A summary about a notice.",
            body=body,
            body_html=render_markdown(body),
            status=Status.PUBLISHED,
            publish_at=now,
            last_reviewed=now.date(),
            review_due=now.date(),
            order=number,
        )
        for number in range(article_count - 1)
    )
    first.related.set(Article.objects.exclude(pk=first.pk)[:20])
    ArticleSource.objects.bulk_create(
        ArticleSource(article=first, title=f"Source {n}", url="https://www.interpol.int/")
        for n in range(5)
    )
    group = make_crime_area(slug="cybercrime")
    for number in range(12):
        make_crime_area(parent=group, slug=f"sub-{number}")
    scam = make_scam_type(slug="fake-interpol-messages")
    for number in range(8):
        make_scam_type(slug=f"scam-{number}")
    assert Article.objects.published().count() == article_count
    return [
        reverse("faq:home"),
        reverse("faq:about"),
        reverse("faq:search") + "?q=red+notise",
        topic.get_absolute_url(),
        first.get_absolute_url(),
        reverse("faq:crimearea_list"),
        group.get_absolute_url(),
        reverse("faq:scamtype_list"),
        scam.get_absolute_url(),
        reverse("sitemap"),
    ]


@pytest.mark.parametrize("article_count", [10, 300])
def test_public_pages_stay_within_the_query_budget(
    client, django_assert_max_num_queries, article_count
):
    urls = build_site(article_count)
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES + PAGE_CACHE_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url
