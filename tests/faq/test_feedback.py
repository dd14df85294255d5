from urllib.parse import urlencode

import pytest
from django.urls import reverse

from faq.models import ArticleFeedback
from tests.faq.factories import make_article

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"headers": {"Sec-Fetch-Site": "same-origin"}}


@pytest.fixture
def article():
    return make_article(slug="does-interpol-text-people")


def feedback_url(article) -> str:
    return reverse("faq:article_feedback", kwargs={"slug": article.slug})


def vote(client, article, answer: str, **kwargs):
    """Post the way a browser submits the article's form: url-encoded."""
    return client.post(
        feedback_url(article),
        urlencode({"helpful": answer}),
        content_type="application/x-www-form-urlencoded",
        **kwargs,
    )


def totals(article) -> tuple[int, int]:
    rows = ArticleFeedback.objects.filter(article=article)
    return sum(r.helpful for r in rows), sum(r.not_helpful for r in rows)


def test_the_article_page_has_a_plain_form_and_sets_no_csrf_cookie(client, article):
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert f'<form method="post" action="{feedback_url(article)}">' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_a_same_origin_answer_is_counted_and_thanked(client, article):
    response = vote(client, article, "yes", **SAME_ORIGIN)
    assert response.status_code == 303
    assert (
        response["Location"] == "/en/questions/does-interpol-text-people/?feedback=thanks#feedback"
    )
    assert not response.cookies
    vote(client, article, "no", **SAME_ORIGIN)
    vote(client, article, "yes", **SAME_ORIGIN)
    assert totals(article) == (2, 1)
    assert ArticleFeedback.objects.count() == 1
    thanks = client.get(article.get_absolute_url(), {"feedback": "thanks"})
    assert "Thank you. Your answer was counted" in thanks.content.decode()
    assert not thanks.cookies


def test_an_origin_header_from_this_site_is_accepted_without_fetch_metadata(client, article):
    response = vote(client, article, "no", headers={"Origin": "http://testserver"})
    assert response.status_code == 303
    assert totals(article) == (0, 1)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {},
    ],
)
def test_cross_site_or_unidentified_posts_are_refused(client, article, headers):
    response = vote(client, article, "yes", headers=headers)
    assert response.status_code == 403
    assert totals(article) == (0, 0)


def test_a_bad_answer_is_a_400_and_counts_nothing(client, article):
    response = vote(client, article, "maybe", **SAME_ORIGIN)
    assert response.status_code == 400
    assert totals(article) == (0, 0)


def test_feedback_on_a_draft_is_404(client):
    draft = make_article(published=False)
    response = vote(client, draft, "yes", **SAME_ORIGIN)
    assert response.status_code == 404


def test_get_is_not_allowed(client, article):
    assert client.get(feedback_url(article)).status_code == 405


def test_a_multipart_upload_is_refused_and_counts_nothing(client, article):
    response = client.post(
        feedback_url(article), {"helpful": "yes", "file": b"x" * 10_000}, **SAME_ORIGIN
    )
    assert response.status_code == 400
    assert totals(article) == (0, 0)


def test_a_body_over_one_kilobyte_is_refused_and_counts_nothing(client, article):
    body = urlencode({"helpful": "yes", "padding": "x" * 2000})
    response = client.post(
        feedback_url(article), body, content_type="application/x-www-form-urlencoded", **SAME_ORIGIN
    )
    assert response.status_code == 400
    assert totals(article) == (0, 0)
