import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, User
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from faq.models import (
    Article,
    ArticleFeedback,
    ArticleSource,
    CrimeArea,
    ScamType,
    SearchLog,
    Status,
    Topic,
)
from interpolinfo.models import Proposal
from tests.admin_forms import in_english
from tests.faq.factories import make_article, make_topic

pytestmark = pytest.mark.django_db


def staff_in(group_name: str, username: str) -> User:
    user = User.objects.create_user(username, password="unused-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def topic():
    return make_topic(slug="scams", title="Scams")


def article_data(topic, **changes) -> dict:
    now = timezone.now()
    data = {
        "title": "Does INTERPOL phone people?",
        "slug": "does-interpol-phone-people",
        "topic": topic.pk,
        "summary": "No, never.",
        "body": "INTERPOL does not phone members of the public.",
        "meta_description": "",
        "status": Status.PUBLISHED,
        "publish_at_0": now.strftime("%Y-%m-%d"),
        "publish_at_1": (now - timedelta(minutes=5)).strftime("%H:%M:%S"),
        "last_reviewed": now.strftime("%Y-%m-%d"),
        "review_interval_days": "365",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return in_english(Article, data)


def with_source(data: dict, title: str, url: str) -> dict:
    return {
        **data,
        "sources-TOTAL_FORMS": "1",
        "sources-0-title": title,
        "sources-0-url": url,
        "sources-0-order": "1",
    }


def test_the_groups_exist_and_only_publishers_may_publish():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(
        Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True)
    )
    assert {"add_article", "change_article", "view_article", "add_articlesource"} <= editors
    assert not {code for code in editors if code.startswith("publish_")}
    assert "delete_article" not in editors
    assert {"publish_article", "publish_topic", "publish_crimearea", "publish_scamtype"} <= (
        publishers
    )
    assert editors < publishers


def test_the_group_migration_can_be_reversed():
    migration = importlib.import_module("faq.migrations.0003_editor_and_publisher_groups")
    migration.remove_groups(django_apps, None)
    assert not Group.objects.filter(name__in=["Editors", "Publishers"]).exists()


def test_an_editor_saves_a_new_article_only_as_a_draft(client, editor, topic):
    client.force_login(editor)
    response = client.post(reverse("admin:faq_article_add"), article_data(topic))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert not Article.objects.published().exists()


def test_an_editor_sees_status_read_only(client, editor, topic):
    client.force_login(editor)
    html = client.get(reverse("admin:faq_article_add")).content.decode()
    assert 'name="status"' not in html
    assert 'name="title_en"' in html


def test_an_editor_edits_a_draft_but_only_proposes_a_change_to_a_published_article(
    client, editor, topic
):
    client.force_login(editor)
    draft = make_article(topic=topic, published=False, slug="draft")
    url = reverse("admin:faq_article_change", args=[draft.pk])
    response = client.post(url, article_data(topic, slug="draft", title="Better title"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Better title", Status.DRAFT)

    live = make_article(topic=topic, slug="live", title="Live title")
    url = reverse("admin:faq_article_change", args=[live.pk])
    response = client.post(url, article_data(topic, slug="live", title="Proposed title"))
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Live title"
    assert Proposal.objects.for_item(live).get().values["title_en"] == "Proposed title"


def test_a_publisher_can_publish_and_schedule(client, publisher, topic):
    client.force_login(publisher)
    client.post(reverse("admin:faq_article_add"), article_data(topic))
    assert Article.objects.published().count() == 1
    tomorrow = timezone.now() + timedelta(days=1)
    client.post(
        reverse("admin:faq_article_add"),
        article_data(
            topic, slug="later", title="Scheduled", publish_at_0=tomorrow.strftime("%Y-%m-%d")
        ),
    )
    scheduled = Article.objects.get(slug="later")
    assert scheduled.status == Status.PUBLISHED
    assert not scheduled.is_live
    assert client.get(scheduled.get_absolute_url()).status_code == 200  # staff preview
    client.logout()
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_the_publish_action_is_for_publishers_only(client, editor, publisher, topic):
    draft = make_article(topic=topic, published=False)
    changelist = reverse("admin:faq_article_changelist")
    action = {"action": "publish", "_selected_action": [draft.pk]}
    client.force_login(editor)
    assert b'value="publish"' not in client.get(changelist).content
    client.post(changelist, action)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    client.force_login(publisher)
    client.post(changelist, action)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_history_can_revert_to_an_earlier_version(client, publisher, topic):
    client.force_login(publisher)
    client.post(reverse("admin:faq_article_add"), article_data(topic, title="First wording"))
    article = Article.objects.get()
    change = reverse("admin:faq_article_change", args=[article.pk])
    client.post(change, article_data(topic, title="Second wording"))
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    first = versions.last()
    revision_url = reverse("admin:faq_article_revision", args=[article.pk, first.pk])
    page = client.get(revision_url)
    assert page.status_code == 200
    assert "First wording" in page.content.decode()
    response = client.post(revision_url, article_data(topic, title="First wording"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "First wording"
    assert Version.objects.get_for_object(article).count() == 3


def test_a_deleted_article_and_its_sources_can_be_recovered(client, publisher, topic):
    client.force_login(publisher)
    data = with_source(article_data(topic), "INTERPOL FAQs", "https://www.interpol.int/en/FAQs")
    client.post(reverse("admin:faq_article_add"), data)
    article = Article.objects.get()
    assert article.sources.count() == 1
    client.post(reverse("admin:faq_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.exists()
    deleted = Version.objects.get_deleted(Article).get()
    recover_url = reverse("admin:faq_article_recover", args=[deleted.pk])
    assert "Does INTERPOL phone people?" in client.get(recover_url).content.decode()
    source_id = Version.objects.get_deleted(ArticleSource).get().object_id
    response = client.post(
        recover_url,
        {
            **data,
            "sources-INITIAL_FORMS": "1",
            "sources-0-id": source_id,
            "sources-0-article": deleted.object_id,
        },
    )
    assert response.status_code == 302
    recovered = Article.objects.get()
    assert recovered.title == "Does INTERPOL phone people?"
    assert list(recovered.sources.values_list("url", flat=True)) == [
        "https://www.interpol.int/en/FAQs"
    ]


def test_an_editor_cannot_delete_articles(client, editor, topic):
    client.force_login(editor)
    article = make_article(topic=topic, published=False)
    response = client.post(reverse("admin:faq_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_needs_review_view_and_index_count_show_overdue_content(client, editor, topic):
    long_ago = timezone.localdate() - timedelta(days=400)
    make_article(topic=topic, title="Old facts", last_reviewed=long_ago)
    make_article(topic=topic, title="Fresh facts")
    client.force_login(editor)
    index = client.get(reverse("admin:index")).content.decode()
    assert "1 knowledge-base item needs review" in index
    page = client.get(reverse("admin:faq_needs_review")).content.decode()
    assert "Old facts" in page
    assert "Fresh facts" not in page
    overdue = client.get(reverse("admin:faq_article_changelist"), {"review": "overdue"})
    assert "Old facts" in overdue.content.decode()
    assert "Fresh facts" not in overdue.content.decode()


def test_every_admin_list_and_add_page_renders(client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    make_article()
    for model in (Topic, Article, CrimeArea, ScamType):
        opts = model._meta
        for view in ("changelist", "add"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")
            assert client.get(url).status_code == 200, url


def test_search_log_admin_shows_top_and_zero_result_queries(client, publisher):
    today = timezone.localdate()
    SearchLog.objects.create(query="red notice", date=today, hits=7, result_count=3)
    SearchLog.objects.create(query="qwxz", date=today, hits=2, result_count=0)
    client.force_login(publisher)
    response = client.get(reverse("admin:faq_searchlog_changelist"))
    assert response.status_code == 200
    assert [row["query"] for row in response.context["top_queries"]] == ["red notice", "qwxz"]
    assert [row["query"] for row in response.context["zero_result_queries"]] == ["qwxz"]


def test_only_publishers_can_reorder_and_reordering_saves_each_item(client, editor, publisher):
    first, second = make_topic(order=1), make_topic(order=2)
    url = reverse("admin:faq_topic_sortable_update")
    body = {"updatedItems": [[first.pk, 2], [second.pk, 1]]}
    client.force_login(editor)
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 403
    client.force_login(publisher)
    saved = []
    post_save.connect(
        lambda sender, instance, **kw: saved.append(instance.pk),
        sender=Topic,
        dispatch_uid="test-reorder",
        weak=False,
    )
    try:
        response = client.post(url, body, content_type="application/json")
    finally:
        post_save.disconnect(sender=Topic, dispatch_uid="test-reorder")
    assert response.status_code == 200
    assert list(Topic.objects.values_list("pk", flat=True)) == [second.pk, first.pk]
    assert sorted(saved) == sorted([first.pk, second.pk])


def test_two_versions_can_be_compared(client, publisher, topic):
    client.force_login(publisher)
    client.post(reverse("admin:faq_article_add"), article_data(topic, body="Never by phone."))
    article = Article.objects.get()
    change = reverse("admin:faq_article_change", args=[article.pk])
    client.post(change, article_data(topic, body="Never by phone or by text."))
    newer, older = Version.objects.get_for_object(article)[:2]
    history = client.get(reverse("admin:faq_article_history", args=[article.pk]))
    assert history.status_code == 200
    response = client.get(
        reverse("admin:faq_article_compare", args=[article.pk]),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<ins>" in html
    assert "or by text" in html


def test_feedback_admin_totals_answers_per_article(client, editor, topic):
    article = make_article(topic=topic, title="Can INTERPOL arrest me?")
    today = timezone.localdate()
    ArticleFeedback.objects.create(article=article, date=today, helpful=3, not_helpful=1)
    ArticleFeedback.objects.create(
        article=article, date=today - timedelta(days=1), helpful=2, not_helpful=4
    )
    client.force_login(editor)
    response = client.get(reverse("admin:faq_articlefeedback_changelist"))
    assert response.status_code == 200
    assert list(response.context["article_totals"]) == [
        {"article__title": "Can INTERPOL arrest me?", "yes": 5, "no": 5}
    ]


def revision_url_of(article: Article, *, title: str) -> str:
    version = next(
        version
        for version in Version.objects.get_for_object(article)
        if version.field_dict["title"] == title
    )
    return reverse("admin:faq_article_revision", args=[article.pk, version.pk])


def test_an_editor_cannot_take_a_published_article_offline_by_reverting_it(
    client, editor, publisher, topic
):
    client.force_login(publisher)
    client.post(
        reverse("admin:faq_article_add"),
        article_data(topic, title="Draft wording", status=Status.DRAFT),
    )
    article = Article.objects.get()
    change = reverse("admin:faq_article_change", args=[article.pk])
    client.post(change, article_data(topic, title="Published wording"))
    client.force_login(editor)
    revision_url = revision_url_of(article, title="Draft wording")
    response = client.post(revision_url, article_data(topic, title="Draft wording"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("Published wording", Status.PUBLISHED)


def test_an_editor_can_revert_a_draft_to_a_once_published_version_which_stays_a_draft(
    client, editor, publisher, topic
):
    client.force_login(publisher)
    client.post(reverse("admin:faq_article_add"), article_data(topic, title="Published wording"))
    article = Article.objects.get()
    change = reverse("admin:faq_article_change", args=[article.pk])
    client.post(change, article_data(topic, title="Draft wording", status=Status.DRAFT))
    client.force_login(editor)
    revision_url = revision_url_of(article, title="Published wording")
    response = client.post(revision_url, article_data(topic, title="Published wording"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("Published wording", Status.DRAFT)
