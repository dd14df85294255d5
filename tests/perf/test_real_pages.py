"""The page cache on the real knowledge base and wizard: edits, reverts, schedules and counts."""

from datetime import timedelta

import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from contact.models import OutcomeCount
from contact.starter import load_starter_flow
from faq.models import SearchLog
from tests.faq.factories import make_article, make_topic
from tests.queries import version_queries


def test_an_article_edit_is_shown_at_once_to_anonymous_visitors(client):
    article = make_article(title="Does INTERPOL phone people?")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    article.title = "Does INTERPOL ever phone people?"
    article.save()
    assert "Does INTERPOL ever phone people?" in client.get(url).content.decode()


def test_an_edit_saved_in_the_admin_is_shown_at_once(client, admin_client):
    article = make_article(title="Does INTERPOL phone people?")
    url = article.get_absolute_url()
    client.get(url)
    change = reverse("admin:faq_article_change", args=[article.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(title_en="Edited in the admin", publish_at_0="2020-01-01", publish_at_1="00:00:00")
    data.update({"sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0"})
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Edited in the admin" in client.get(url).content.decode()


def test_unpublishing_an_article_removes_it_at_once(client):
    article = make_article()
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    article.status = "draft"
    article.save()
    assert client.get(url).status_code == 404


def test_a_reverted_version_is_shown_at_once(client):
    with reversion.create_revision():
        article = make_article(title="The first wording")
    url = article.get_absolute_url()
    with reversion.create_revision():
        article.title = "The second wording"
        article.save()
    assert "The second wording" in client.get(url).content.decode()
    Version.objects.get_for_object(article).order_by("pk").first().revision.revert()
    assert "The first wording" in client.get(url).content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, monkeypatch):
    topic = make_topic()
    now = timezone.now()
    make_article(
        topic=topic, title="Published in half a minute", publish_at=now + timedelta(seconds=30)
    )
    before = client.get(topic.get_absolute_url())
    assert "Published in half a minute" not in before.content.decode()
    assert client.get(topic.get_absolute_url())["X-Page-Cache"] == "hit"
    # Neither this cache nor a browser or CDN may keep the page past the publish time.
    max_age = int(before["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 30

    later = now + timedelta(seconds=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    after = client.get(topic.get_absolute_url())
    assert after["X-Page-Cache"] == "miss"
    assert "Published in half a minute" in after.content.decode()


def test_home_and_article_pages_are_cached_with_no_query_beyond_the_version(
    client, django_assert_num_queries
):
    article = make_article()
    for url in (reverse("faq:home"), article.get_absolute_url()):
        client.get(url)
        with django_assert_num_queries(version_queries()):
            assert client.get(url)["X-Page-Cache"] == "hit"


def test_repeated_searches_come_from_the_cache_and_every_one_is_counted(client):
    make_article(title="Red notices explained")
    pages = [client.get(reverse("faq:search"), {"q": "red notice"}) for _ in range(3)]
    assert [page["X-Page-Cache"] for page in pages] == ["miss", "hit", "hit"]
    assert "Red notices explained" in pages[-1].content.decode()
    assert SearchLog.objects.get(query="red notice").hits == 3


def test_a_new_article_shows_up_in_a_search_cached_before_it(client):
    make_article(title="Red notices explained")
    client.get(reverse("faq:search"), {"q": "notice"})
    make_article(title="Purple notices explained")
    page = client.get(reverse("faq:search"), {"q": "notice"})
    assert "Purple notices explained" in page.content.decode()


def test_wizard_results_are_cached_yet_every_outcome_is_counted(client):
    load_starter_flow()
    question = reverse("contact:question")
    answers: list[str] = []
    final = None
    while final is None:
        page = client.get(question, [("a", a) for a in answers])
        step = page.context["question"]
        choice = next(iter(step.choices))
        submit = [("a", a) for a in answers] + [("q", step.slug), ("answer", choice.slug)]
        if choice.outcome_id is not None:
            final = submit
        answers.append(choice.slug)
    for _ in range(3):
        redirect = client.get(question, final)
        assert redirect.status_code == 303
        result = client.get(redirect["Location"])
        assert result.status_code == 200
    assert result["X-Page-Cache"] == "hit"
    assert sum(OutcomeCount.objects.values_list("count", flat=True)) == 3


def test_a_staff_preview_of_a_draft_is_private_and_never_cached(client, admin_client):
    article = make_article(published=False, title="Not out yet")
    url = article.get_absolute_url()
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "Not out yet" in preview.content.decode()
    assert preview["Cache-Control"] == "private, no-store"
    assert "X-Page-Cache" not in preview
    assert client.get(url).status_code == 404
